import { describe, expect, it } from 'vitest';
import { Profile } from './profile';
import type { Panel } from './panel';

const HOUR = 3_600_000;
const MONDAY = Date.UTC(2026, 10, 2);

const hourly = (days: number, f: (t: number) => number): Panel => {
  const length = days * 24;
  return { ids: ['a'], start: MONDAY, stepMs: HOUR, length, values: [Float32Array.from({ length }, (_, k) => f(MONDAY + k * HOUR))] };
};

describe('the seasonal profile', () => {
  it('averages a time-of-week slot seen in two different weeks', () => {
    const p = Profile.fit(hourly(14, (t) => (t < MONDAY + 7 * 24 * HOUR ? 10 : 30)), HOUR);
    expect(p.at(0, MONDAY + 8.5 * HOUR)).toBeCloseTo(20, 5);
  });

  it('falls back to the same time of day on the same kind of day when a slot was seen in one week only', () => {
    // Five weekdays with value = day number: a Wednesday slot seen once reads the weekday average, not its own value.
    const p = Profile.fit(hourly(5, (t) => Math.floor((t - MONDAY) / 86_400_000)), HOUR);
    expect(p.at(0, MONDAY + 2 * 86_400_000 + 10.5 * HOUR)).toBeCloseTo(2, 5);
  });

  it('survives a round trip through its JSON', () => {
    const p = Profile.fit(hourly(3, (t) => (t / HOUR) % 24), HOUR);
    const back = Profile.fromJSON(p.toJSON());
    expect(back.at(0, MONDAY + 5.5 * HOUR)).toBe(p.at(0, MONDAY + 5.5 * HOUR));
  });
});
