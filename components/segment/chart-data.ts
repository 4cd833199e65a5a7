import type { SegmentForecast, SegmentHistory } from '@/lib/protocol/models-api';

/** One x position of the speed chart; a row carries what is known at that time. */
export interface ChartRow {
  /** Epoch ms. */
  t: number;
  /** Observed speed, km/h (history). */
  speed?: number;
  /** Forecast median, km/h. */
  p50?: number;
  /** Forecast P10–P90 range, km/h, drawn as a ranged area. */
  band?: [number, number];
}

export interface SpeedChartData {
  rows: ChartRow[];
  /** Where "now" is: the time the forecast starts from, else the last observation. */
  now: number | null;
}

/**
 * Merge observed history and forecast into chart rows sorted by time. The forecast line starts
 * at the last observation so the two lines meet instead of leaving a gap at "now".
 */
export function buildSpeedChartData(history: SegmentHistory | undefined, forecast: SegmentForecast | undefined): SpeedChartData {
  const byTime = new Map<number, ChartRow>();
  const row = (t: number) => {
    let r = byTime.get(t);
    if (!r) byTime.set(t, (r = { t }));
    return r;
  };
  for (const p of history?.points ?? []) row(Date.parse(p.t)).speed = p.speedKmh;
  const points = forecast?.points ?? [];
  for (const p of points) {
    const r = row(Date.parse(p.t));
    r.p50 = p.p50;
    r.band = [Math.min(p.p10, p.p90), Math.max(p.p10, p.p90)];
  }
  const rows = [...byTime.values()].sort((a, b) => a.t - b.t);

  const lastObserved = rows.findLast((r) => r.speed !== undefined);
  const firstForecast = rows.find((r) => r.p50 !== undefined);
  const joinAt = lastObserved?.speed;
  if (lastObserved && joinAt !== undefined && firstForecast && lastObserved.t < firstForecast.t && lastObserved.p50 === undefined) {
    lastObserved.p50 = joinAt;
    lastObserved.band = [joinAt, joinAt];
  }
  const now = forecast ? Date.parse(forecast.madeAt) : (lastObserved?.t ?? null);
  return { rows, now };
}
