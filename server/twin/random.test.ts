import { describe, expect, it } from 'vitest';
import { Random } from './random';

const draw = (seed: number, n: number) => {
  const r = new Random(seed);
  return Array.from({ length: n }, () => r.next());
};

describe('the seeded random numbers', () => {
  it('repeat for the same seed and differ for another', () => {
    expect(draw(42, 100)).toEqual(draw(42, 100));
    expect(draw(43, 100)).not.toEqual(draw(42, 100));
  });

  it('stay in their ranges', () => {
    const r = new Random(1);
    for (let k = 0; k < 10_000; k++) {
      const u = r.next();
      expect(u >= 0 && u < 1).toBe(true);
      const i = r.int(3, 7);
      expect(Number.isInteger(i) && i >= 3 && i < 7).toBe(true);
      expect(['a', 'b', 'c']).toContain(r.pick(['a', 'b', 'c']));
    }
  });

  it('draw normals with about the asked mean and spread', () => {
    const r = new Random(9);
    const xs = Array.from({ length: 20_000 }, () => r.normal(10, 2));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeGreaterThan(1.9);
    expect(sd).toBeLessThan(2.1);
  });

  it('shuffle keeps every item', () => {
    const items = [...Array(50).keys()];
    expect(new Random(5).shuffle(items).sort((a, b) => a - b)).toEqual(items);
  });
});
