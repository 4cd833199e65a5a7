import { describe, expect, it } from 'vitest';
import { emissionFactor, emissionRate } from './emissions';

describe('road traffic emissions', () => {
  it.each(['nox', 'pm25', 'pm10', 'co'] as const)('cost more %s per vehicle-km in stop-and-go traffic than in steady flow', (p) => {
    expect(emissionFactor(p, 8)).toBeGreaterThan(1.5 * emissionFactor(p, 50));
  });

  it('keep emitting from a standing queue (idling, stop-and-go)', () => {
    expect(emissionRate('nox', 50, 0)).toBeGreaterThan(0);
  });

  it('make a jammed street emit more than the same street flowing freely', () => {
    // 260 m, two lanes: about 8 vehicles at 50 km/h, about 75 queued at 5 km/h.
    expect(emissionRate('nox', 75, 5)).toBeGreaterThan(2 * emissionRate('nox', 8, 50));
  });

  it('emit nothing from an empty road', () => {
    expect(emissionRate('co', 0, 50)).toBe(0);
  });
});
