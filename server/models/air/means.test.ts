import { describe, expect, it } from 'vitest';
import { TrailingWindow } from './means';

const HOUR = 3600_000;
const reading = (pm25: number) => ({ pm25, pm10: 2 * pm25, no2: 10, o3: 40, co: 0.3 });

describe('a station’s trailing window', () => {
  it('averages the last hour, 8 hours and 24 hours separately', () => {
    const w = new TrailingWindow();
    // 23 hours at 10 µg/m³, then one hour at 40.
    for (let m = 0; m < 23 * 60; m += 10) w.add(m * 60_000, reading(10));
    for (let m = 23 * 60; m < 24 * 60; m += 10) w.add(m * 60_000, reading(40));
    const { h1, h8, h24 } = w.means();
    expect(h1.pm25).toBe(40);
    expect(h8.pm25).toBeCloseTo((7 * 10 + 40) / 8, 6);
    expect(h24.pm25).toBeCloseTo((23 * 10 + 40) / 24, 6);
  });

  it('forgets readings older than 24 hours', () => {
    const w = new TrailingWindow();
    w.add(0, reading(100));
    w.add(25 * HOUR, reading(10));
    expect(w.size).toBe(1);
    expect(w.means().h24.pm25).toBe(10);
  });

  it('places a late reading in order and replaces one at the same time', () => {
    const w = new TrailingWindow();
    w.add(2 * 60_000, reading(30));
    w.add(1 * 60_000, reading(10));
    w.add(1 * 60_000, reading(20));
    expect(w.size).toBe(2);
    expect(w.means().h1.pm25).toBe(25);
  });

  it('refuses a reading from before its window', () => {
    const w = new TrailingWindow();
    w.add(30 * HOUR, reading(10));
    expect(w.add(2 * HOUR, reading(99))).toBe(false);
    expect(w.means().h24.pm25).toBe(10);
  });
});
