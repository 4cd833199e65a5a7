import type { SegmentForecast } from '@/lib/protocol/models-api';

const STEP_MS = 5 * 60 * 1000;
const SLOTS_PER_DAY = 288;
const SLOTS_PER_WEEK = 7 * SLOTS_PER_DAY;
/** Fewer samples than this in a slot and the profile falls back to a coarser grouping. */
const MIN_SAMPLES = 4;
/** How fast the forecast leaves the present reading for the profile (e-folding time). */
const BLEND_TAU_MS = 30 * 60 * 1000;

export const HA_MODEL = {
  id: 'traffic-ha-tow',
  version: '1',
  description:
    'Historical average by time of week: P10/P50/P90 of 5-minute speeds at the same time of week (±5 min), falling back to the same time of day and day type; starts from the current reading.',
} as const;

export interface SpeedSample {
  t: number;
  speedKmh: number;
}

/** City time is UTC throughout the twin and the models (one clock, no DST jumps in profiles). */
const dayOf = (t: number) => new Date(t).getUTCDay();
const slotOfDay = (t: number) => Math.floor((t % 86_400_000) / STEP_MS);
const isWeekend = (day: number) => day === 0 || day === 6;

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

const near = (a: number, b: number, period: number) => {
  const d = Math.abs(a - b) % period;
  return Math.min(d, period - d) <= 1;
};

/** The speeds to draw a slot's quantiles from: same time of week, else same time of day and day type, else any day. */
function samplesFor(history: readonly SpeedSample[], t: number): number[] {
  const day = dayOf(t);
  const tod = slotOfDay(t);
  const tow = day * SLOTS_PER_DAY + tod;
  const byWeek: number[] = [];
  const byDayType: number[] = [];
  const byDay: number[] = [];
  for (const s of history) {
    const sDay = dayOf(s.t);
    const sTod = slotOfDay(s.t);
    if (!near(sTod, tod, SLOTS_PER_DAY)) continue;
    byDay.push(s.speedKmh);
    if (isWeekend(sDay) === isWeekend(day)) byDayType.push(s.speedKmh);
    if (near(sDay * SLOTS_PER_DAY + sTod, tow, SLOTS_PER_WEEK)) byWeek.push(s.speedKmh);
  }
  if (byWeek.length >= MIN_SAMPLES) return byWeek;
  if (byDayType.length >= MIN_SAMPLES) return byDayType;
  return byDay;
}

/**
 * Forecast a segment's speed for the next `minutes` from its history. The profile alone would
 * jump at "now" when today differs from the average day, so the first points are blended from
 * the current reading into the profile, which takes over within about an hour.
 */
export function forecastSpeed(input: {
  segmentId: string;
  madeAt: number;
  currentKmh: number | null;
  minutes: number;
  history: readonly SpeedSample[];
}): SegmentForecast {
  const points: SegmentForecast['points'] = [];
  const start = Math.floor(input.madeAt / STEP_MS) * STEP_MS;
  for (let k = 1; k * 5 <= input.minutes; k++) {
    const t = start + k * STEP_MS;
    const samples = samplesFor(input.history, t).sort((a, b) => a - b);
    let p10: number;
    let p50: number;
    let p90: number;
    if (samples.length > 0) {
      [p10, p50, p90] = [quantile(samples, 0.1), quantile(samples, 0.5), quantile(samples, 0.9)];
      if (input.currentKmh !== null) {
        const offset = Math.exp(-(t - input.madeAt) / BLEND_TAU_MS) * (input.currentKmh - p50);
        [p10, p50, p90] = [p10 + offset, p50 + offset, p90 + offset];
      }
    } else if (input.currentKmh !== null) {
      // No history at all: persistence, with a band that says how little we know.
      [p10, p50, p90] = [input.currentKmh * 0.85, input.currentKmh, input.currentKmh * 1.15];
    } else {
      break;
    }
    const r = (v: number) => Math.round(Math.max(0, v) * 10) / 10;
    points.push({ t: new Date(t).toISOString(), p10: r(p10), p50: r(p50), p90: r(p90) });
  }
  return { segmentId: input.segmentId, model: { ...HA_MODEL }, madeAt: new Date(input.madeAt).toISOString(), stepMinutes: 5, points };
}
