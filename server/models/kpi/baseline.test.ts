import { describe, expect, it } from 'vitest';
import { sumHours, timeOfWeekBand } from './baseline';

const H = 3_600_000;
const WEEK = 7 * 24 * H;
const T0 = Date.parse('2026-03-30T00:00:00Z');

/** An hourly series: value `v(t)` at each hour from `from` for `hours`. */
function series(from: number, hours: number, v: (t: number) => number) {
  const m = new Map<number, { x: number }>();
  for (let h = 0; h < hours; h++) m.set(from + h * H, { x: v(from + h * H) });
  return m;
}
const meanOf = (m: Map<number, { x: number }>) => (a: number, b: number) => {
  const s = sumHours(m, ['x'] as const, a, b);
  return s.hours ? s.x / s.hours : null;
};

describe('timeOfWeekBand', () => {
  it('forecasts each hour as the mean of the same hour in the four weeks before, banded by their extremes', () => {
    // Weeks 1..4 before T0 hold 10, 20, 30, 40 at every hour; the day itself 50.
    const m = series(T0 - 4 * WEEK, 4 * 7 * 24 + 24, (t) => (t >= T0 ? 50 : 10 * (4 - Math.floor((t - (T0 - 4 * WEEK)) / WEEK))));
    const rows = timeOfWeekBand([T0, T0 + H], T0 + 24 * H, 'hour', meanOf(m));
    expect(rows[0]).toEqual({ t: new Date(T0).toISOString(), actual: 50, forecast: 25, low: 10, high: 40 });
    expect(rows[1].forecast).toBe(25);
  });

  it('leaves the forecast empty without history and the actual empty without data', () => {
    const rows = timeOfWeekBand([T0], T0 + H, 'hour', () => null);
    expect(rows).toEqual([{ t: new Date(T0).toISOString(), actual: null, forecast: null, low: null, high: null }]);
  });

  it('measures a daily step over its whole day, but not past the end of the period', () => {
    const m = series(T0, 48, (t) => (t < T0 + 12 * H ? 10 : 30));
    const [row] = timeOfWeekBand([T0], T0 + 12 * H, 'day', meanOf(m));
    expect(row.actual).toBe(10);
  });
});
