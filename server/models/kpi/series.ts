import type { Period } from '@/lib/domain/kpi';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Start of the report step (hour or UTC day) holding a time. */
export const stepStart = (t: number, step: Period['step']) => {
  const s = step === 'day' ? DAY_MS : HOUR_MS;
  return Math.floor(t / s) * s;
};

/** Sum keyed rows into report steps; `pick` says which numeric fields to add up. */
export function sumBySteps<R extends { t: number }, K extends string>(rows: readonly R[], step: Period['step'], keys: readonly K[], pick: (r: R) => Record<K, number>): Map<number, Record<K, number>> {
  const out = new Map<number, Record<K, number>>();
  for (const r of rows) {
    const s = stepStart(r.t, step);
    let acc = out.get(s);
    if (!acc) {
      acc = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
      out.set(s, acc);
    }
    const v = pick(r);
    for (const k of keys) acc[k] += v[k];
  }
  return out;
}

/** Round for the wire: KPIs are read, not recomputed, so 3 significant decimals are plenty. */
export const round = (v: number | null, digits = 3): number | null => (v === null || !Number.isFinite(v) ? null : Number(v.toFixed(digits)));

export const toIso = (t: number | Date | null): string | null => (t === null ? null : new Date(t).toISOString());
