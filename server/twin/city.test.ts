import { describe, expect, it } from 'vitest';
import { roadSegmentSchema } from '@/lib/domain/road';
import { generateCity, riverSide } from './city';

describe('the generated city', () => {
  it('is the same city for the same seed', () => {
    const a = generateCity({ seed: 7, size: 2000 });
    const b = generateCity({ seed: 7, size: 2000 });
    expect(JSON.stringify(b.segments)).toBe(JSON.stringify(a.segments));
  });

  it('is a different city for another seed', () => {
    const a = generateCity({ seed: 7, size: 2000 });
    const b = generateCity({ seed: 8, size: 2000 });
    expect(JSON.stringify(b.segments.map((s) => s.path))).not.toBe(JSON.stringify(a.segments.map((s) => s.path)));
  });

  it('has at least 2,000 directed segments and 150 signalised junctions by default', () => {
    const city = generateCity({ seed: 42, size: 2000 });
    expect(city.segments.length).toBeGreaterThanOrEqual(2000);
    expect(city.nodes.filter((n) => n.signalised).length).toBeGreaterThanOrEqual(150);
  });

  it('has a ring road, arterials, collectors and local streets', () => {
    const city = generateCity({ seed: 42, size: 2000 });
    const classes = new Set(city.segments.map((s) => s.roadClass));
    expect([...classes].sort()).toEqual(['motorway', 'primary', 'residential', 'secondary', 'tertiary']);
    expect(city.segments.filter((s) => s.name === 'Ring Road').length).toBeGreaterThanOrEqual(32);
  });

  it('gives every segment a valid shape, a name and a twin in the other direction', () => {
    const city = generateCity({ seed: 42, size: 2000 });
    city.segments.forEach((s, i) => {
      expect(roadSegmentSchema.safeParse(s).success).toBe(true);
      expect(city.segments[s.reverse].reverse).toBe(i);
      expect(city.segments[s.reverse].from).toBe(s.to);
    });
    expect(new Set(city.segments.map((s) => s.id)).size).toBe(city.segments.length);
  });

  it('crosses the river only on a few bridges', () => {
    const city = generateCity({ seed: 42, size: 2000 });
    const crossing = city.segments.filter((s) => {
      const [a, b] = [s.xy[0], s.xy[s.xy.length - 1]];
      return riverSide(city.river, a[0], a[1]) !== riverSide(city.river, b[0], b[1]);
    });
    expect(crossing.every((s) => s.bridge)).toBe(true);
    expect(city.bridges.length).toBeGreaterThanOrEqual(3);
    expect(city.bridges.length).toBeLessThanOrEqual(8);
    // Each bridge carries both directions.
    expect(crossing.length).toBe(2 * city.bridges.length);
  });

  it('scales to a 20,000-segment city', () => {
    const city = generateCity({ seed: 42, size: 20_000 });
    expect(city.segments.length).toBeGreaterThanOrEqual(20_000);
    expect(city.segments.length).toBeLessThan(22_000);
  });
});
