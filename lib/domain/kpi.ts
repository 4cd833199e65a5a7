import { congestionBands } from './congestion';
import type { KpiQuery } from '../protocol/kpi';

/**
 * KPI formulas with their standard definitions (docs/KPI.md says where each comes from). Inputs
 * are totals the store sums over a period, so one formula serves an hour, a day or a month.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A 5-minute traffic row contributes flow × 5 min × length: vehicle-km travelled. */
export const BUCKET_HOURS = 5 / 60;

/**
 * A segment is congested below this fraction of its free-flow speed: the lower bound of the
 * "moderate" band, so "heavy" and "severe" count (the same bands as the map's colours).
 */
export const CONGESTED_BELOW_RATIO = congestionBands.find((b) => b.level === 'moderate')?.minRatio ?? 0.5;

/** WHO global air quality guidelines (2021): PM2.5 24-hour mean 15 µg/m³ (99th percentile), annual 5 µg/m³. */
export const WHO_PM25_24H_UGM3 = 15;
export const WHO_PM25_ANNUAL_UGM3 = 5;

const ratio = (a: number, b: number): number | null => (b > 0 && Number.isFinite(a) ? a / b : null);

/**
 * Travel time index (FHWA / Texas A&M Urban Mobility Report): actual travel time over free-flow
 * travel time, VKT-weighted over the network. 1.0 is free flow; 1.3 means trips take 30 % longer.
 */
export const travelTimeIndex = (vht: number, vhtFree: number): number | null => ratio(vht, vhtFree);

/** Congestion index (TomTom "congestion level"): the extra travel time over free flow, as a share. */
export function congestionIndex(vht: number, vhtFree: number): number | null {
  const tti = travelTimeIndex(vht, vhtFree);
  return tti === null ? null : Math.max(0, tti - 1);
}

/** Space-mean network speed (km/h): vehicle-km over vehicle-hours. */
export const averageSpeed = (vkt: number, vht: number): number | null => ratio(vkt, vht);

/** Share of vehicle-km driven on congested segments (below CONGESTED_BELOW_RATIO of free flow). */
export const congestedShare = (vktCongested: number, vkt: number): number | null => ratio(vktCongested, vkt);

/** Load factor (IEEE Std 100): average load over peak load in the period. */
export const loadFactor = (meanKw: number, peakKw: number): number | null => ratio(meanKw, peakKw);

/**
 * Renewable share of consumption: local solar generation over gross demand (net load plus the
 * solar that served it), energies over the same period.
 */
export const renewableShare = (solarKwh: number, netKwh: number): number | null => ratio(solarKwh, netKwh + solarKwh);


export interface Period {
  from: Date;
  to: Date;
  previousFrom: Date;
  step: 'hour' | 'day';
}

const RANGE_DAYS = { day: 1, week: 7, month: 30 } as const;

/**
 * The period a query asks for: custom from–to, or the last day/week/month ending at `end`
 * (default: the newest data, rounded up to the hour). The previous period is as long and ends
 * where this one starts. Hourly steps up to a week, daily beyond.
 */
export function resolvePeriod(q: Pick<KpiQuery, 'range' | 'end' | 'from' | 'to'>, newestMs: number): Period {
  let from: number;
  let to: number;
  if (q.range === 'custom' && q.from && q.to) {
    from = Math.floor(Date.parse(q.from) / HOUR_MS) * HOUR_MS;
    to = Math.ceil(Date.parse(q.to) / HOUR_MS) * HOUR_MS;
  } else {
    const days = RANGE_DAYS[q.range === 'custom' ? 'day' : q.range];
    to = Math.ceil((q.end ? Date.parse(q.end) : newestMs) / HOUR_MS) * HOUR_MS;
    from = to - days * DAY_MS;
  }
  if (to <= from) to = from + HOUR_MS;
  return { from: new Date(from), to: new Date(to), previousFrom: new Date(2 * from - to), step: to - from > 7 * DAY_MS ? 'day' : 'hour' };
}

/** Start of every step of a period, so a series has a row for each even when data is missing. */
export function stepsOf(p: Pick<Period, 'from' | 'to' | 'step'>): Date[] {
  const ms = p.step === 'day' ? DAY_MS : HOUR_MS;
  const out: Date[] = [];
  for (let t = Math.floor(p.from.getTime() / ms) * ms; t < p.to.getTime(); t += ms) out.push(new Date(t));
  return out;
}
