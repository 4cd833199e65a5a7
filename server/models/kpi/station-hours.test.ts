import { describe, expect, it } from 'vitest';
import { StationHours } from './station-hours';

const H = 3_600_000;
const T0 = Date.parse('2026-03-02T00:00:00Z');
/** `pm25` per hour from T0 (null: no reading that hour); other pollutants fixed. */
const station = (pm25: (number | null)[]) =>
  new StationHours(T0, pm25.length, pm25.flatMap((v, i) => (v === null ? [] : [[T0 + i * H, v, null, 20, 40, 0.3]])));

describe('StationHours', () => {
  it('gives the mean of the trailing hours ending with the one asked for', () => {
    const s = station([10, 20, 30, 40, 50, 60, 70, 80]);
    expect(s.trailing(T0 + 7 * H, 8).pm25).toBe(45);
    expect(s.trailing(T0 + 2 * H, 1).pm25).toBe(30);
  });

  it('leaves a trailing mean out when fewer than three quarters of its hours were measured', () => {
    const s = station([10, null, null, null, 50, 60, 70, 80]);
    expect(s.trailing(T0 + 7 * H, 8).pm25).toBeNaN();
    expect(s.trailing(T0 + 7 * H, 4).pm25).toBe(65);
  });

  it('leaves out a pollutant the station does not measure, and says which hours it reported', () => {
    const s = station([10, null, 30]);
    expect(s.trailing(T0 + 2 * H, 1).pm10).toBeNaN();
    expect([s.has(T0), s.has(T0 + H), s.has(T0 + 5 * H)]).toEqual([true, false, false]);
    expect(s.get(T0 + 2 * H)).toEqual({ pm25: 30, no2: 20, o3: 40, co: 0.3 });
  });
});
