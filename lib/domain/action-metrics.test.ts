import { describe, expect, it } from 'vitest';
import type { Action } from '../protocol/actions';
import { baselineAt, corridorDelayS, feederLoadKw, isHarmful, stationValue } from './action-metrics';

const reading = (speedKmh: number) => ({ speedKmh, flowVph: 600, occupancy: 0.1, observedAt: '2026-11-24T08:00:00.000Z' });
const geometry = new Map([
  ['a', { lengthM: 500, freeFlowKmh: 50 }],
  ['b', { lengthM: 250, freeFlowKmh: 50 }],
]);

const impact = (series: Array<[number, number]>, lowerIsBetter = true): Action['impact'] => ({
  metric: 'm',
  unit: 's',
  lowerIsBetter,
  headline: { label: 'h', value: 1, unit: 's' },
  baseline: 100,
  withPlan: 90,
  series: series.map(([minute, baseline]) => ({ minute, baseline, withPlan: baseline - 10 })),
  horizonMin: 30,
  assumptions: [],
  from: '2026-11-24T08:00:00.000Z',
});
const obs = (...values: number[]) => values.map((observed, minute) => ({ minute, observed, at: '2026-11-24T08:00:00.000Z' }));

describe('action metrics', () => {
  it('gives the corridor’s flow-weighted mean segment delay times its segments, as the twin predicts it', () => {
    // a: 500 m at 25 km/h = 72 s vs 36 s (flow 600); b: 250 m at free flow, no delay (flow 200).
    // Weighted mean (600·36 + 200·0) / 800 = 27 s per segment, × 2 segments.
    expect(corridorDelayS(['a', 'b'], { a: reading(25), b: { ...reading(50), flowVph: 200 } }, geometry)).toBeCloseTo(54, 9);
    expect(corridorDelayS(['a', 'b'], { a: reading(25), b: { ...reading(50), flowVph: 200 } }, geometry, true)).toBeCloseTo(27, 9);
  });

  it('counts no negative delay on a segment faster than free flow', () => {
    expect(corridorDelayS(['b'], { b: reading(80) }, geometry)).toBe(0);
  });

  it('has no corridor delay when no segment has a reading', () => {
    expect(corridorDelayS(['a'], {}, geometry)).toBeNull();
  });

  it('reads a feeder’s load and a station’s NO2 or AQI by the impact’s unit', () => {
    const feeder = { kind: 'feeder' as const, loadKw: 900, capacityKw: 1000, utilisation: 0.9, solarKw: 0, evKw: 0, observedAt: '2026-11-24T08:00:00.000Z' };
    expect(feederLoadKw('f', { f: feeder })).toBe(900);
    const station = { name: 's', location: [0, 0] as [number, number], pm25: 1, pm10: 1, no2: 42, o3: 1, co: 0.1, aqi: 77, aqiLevel: 2, aqiStandard: 'us-epa' as const, dominant: 'no2' as const, observedAt: '2026-11-24T08:00:00.000Z' };
    expect(stationValue('s', 'µg/m³', { s: station })).toBe(42);
    expect(stationValue('s', 'AQI', { s: station })).toBe(77);
  });

  it('takes the predicted baseline of the latest series point at or before the minute', () => {
    expect(baselineAt(impact([[0, 10], [5, 20]]), 7)).toBe(20);
    expect(baselineAt(impact([[0, 10], [5, 20]]), 4)).toBe(10);
  });

  it('calls the effect harmful only after the configured number of readings all worse by the margin', () => {
    const i = impact([[0, 100]]);
    expect(isHarmful({ impact: i, observed: obs(120, 120) }, 0.1, 3)).toBe(false);
    expect(isHarmful({ impact: i, observed: obs(120, 105, 120) }, 0.1, 3)).toBe(false);
    expect(isHarmful({ impact: i, observed: obs(120, 111, 120) }, 0.1, 3)).toBe(true);
  });

  it('reads worse as lower when higher is better', () => {
    expect(isHarmful({ impact: impact([[0, 100]], false), observed: obs(80, 80) }, 0.1, 2)).toBe(true);
  });
});
