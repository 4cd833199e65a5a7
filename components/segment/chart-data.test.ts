import { describe, expect, it } from 'vitest';
import type { SegmentForecast, SegmentHistory } from '@/lib/protocol/models-api';
import { buildSpeedChartData } from './chart-data';

const t = (min: number) => new Date(Date.UTC(2026, 10, 23, 8, min)).toISOString();
const history: SegmentHistory = {
  segmentId: 's1',
  from: t(0),
  to: t(10),
  points: [
    { t: t(5), speedKmh: 40, flowVph: 500 },
    { t: t(0), speedKmh: 42, flowVph: 480 },
    { t: t(10), speedKmh: 38, flowVph: 520 },
  ],
};
const forecast: SegmentForecast = {
  segmentId: 's1',
  model: { id: 'hist-avg', version: '1', description: 'historical average' },
  madeAt: t(10),
  stepMinutes: 5,
  points: [
    { t: t(15), p10: 30, p50: 36, p90: 44 },
    { t: t(20), p10: 28, p50: 35, p90: 45 },
  ],
};

describe('the speed chart data', () => {
  it('puts history and forecast on one time axis, oldest first', () => {
    const { rows } = buildSpeedChartData(history, forecast);
    expect(rows.map((r) => r.t)).toEqual([t(0), t(5), t(10), t(15), t(20)].map(Date.parse));
    expect(rows[0].speed).toBe(42);
    expect(rows[3]).toMatchObject({ p50: 36, band: [30, 44] });
  });

  it('starts the forecast line at the last observation so the lines meet at now', () => {
    const { rows } = buildSpeedChartData(history, forecast);
    expect(rows[2]).toMatchObject({ speed: 38, p50: 38, band: [38, 38] });
  });

  it('puts now where the forecast starts', () => {
    expect(buildSpeedChartData(history, forecast).now).toBe(Date.parse(t(10)));
  });

  it('falls back to the last observation for now while the forecast is missing', () => {
    const data = buildSpeedChartData(history, undefined);
    expect(data.now).toBe(Date.parse(t(10)));
    expect(data.rows.every((r) => r.p50 === undefined)).toBe(true);
  });

  it('is empty with neither', () => {
    expect(buildSpeedChartData(undefined, undefined)).toEqual({ rows: [], now: null });
  });
});
