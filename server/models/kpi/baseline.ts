import type { Period } from '@/lib/domain/kpi';
import type { KpiChart } from '@/lib/protocol/kpi';
import { round } from './series';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;
/** Weeks of history the time-of-week baseline (the forecast band) is drawn from. */
export const BASELINE_WEEKS = 4;

export interface BandRow {
  t: string;
  actual: number | null;
  forecast: number | null;
  low: number | null;
  high: number | null;
  [key: string]: string | number | null;
}

/**
 * Forecast vs actual per report step, the forecast being the historical-average model by time of
 * week: the mean of the same hours in the BASELINE_WEEKS preceding weeks, the band their lowest to
 * highest. `measure(from, to)` is the KPI over the hours [from, to), or null without data.
 */
export function timeOfWeekBand(steps: readonly number[], periodEnd: number, step: Period['step'], measure: (from: number, to: number) => number | null, digits = 1): BandRow[] {
  return steps.map((t) => {
    const end = Math.min(periodEnd, t + (step === 'day' ? DAY_MS : HOUR_MS));
    const weeks: number[] = [];
    for (let w = 1; w <= BASELINE_WEEKS; w++) {
      const v = measure(t - w * WEEK_MS, end - w * WEEK_MS);
      if (v !== null && Number.isFinite(v)) weeks.push(v);
    }
    return {
      t: new Date(t).toISOString(),
      actual: round(measure(t, end), digits),
      forecast: weeks.length ? round(weeks.reduce((x, y) => x + y, 0) / weeks.length, digits) : null,
      low: weeks.length ? round(Math.min(...weeks), digits) : null,
      high: weeks.length ? round(Math.max(...weeks), digits) : null,
    };
  });
}

/** Hours [from, to) of an hourly map, summed per field: the building block of a `measure`. */
export function sumHours<K extends string>(byHour: ReadonlyMap<number, Record<K, number>>, keys: readonly K[], from: number, to: number): Record<K, number> & { hours: number } {
  const acc = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  let hours = 0;
  for (let h = from; h < to; h += HOUR_MS) {
    const r = byHour.get(h);
    if (!r) continue;
    hours++;
    for (const k of keys) acc[k] += r[k];
  }
  return Object.assign(acc, { hours });
}

/** The series of a forecast-vs-actual chart, with the model named. */
export const bandSeries = (): KpiChart['series'] => [
  { key: 'actual', label: 'Actual', role: 'actual' },
  { key: 'forecast', label: 'Time-of-week forecast', role: 'forecast' },
  { key: 'low', label: 'Forecast band low', role: 'low' },
  { key: 'high', label: 'Forecast band high', role: 'high' },
];

export const bandNote = `Forecast: the historical-average model by time of week (mean of the same hours in the ${BASELINE_WEEKS} preceding weeks); band: their lowest to highest.`;
