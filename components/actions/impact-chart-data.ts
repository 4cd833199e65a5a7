import type { Action } from '@/lib/protocol/actions';
import type { Impact } from '@/lib/protocol/actuation';

/** One row of the impact chart: minutes from the plan's start, and whatever is known at that minute. */
export interface ImpactRow {
  minute: number;
  baseline?: number;
  withPlan?: number;
  observed?: number;
}

/**
 * The predicted series (without and with the plan) and, once active, what was observed, on one
 * minute axis. Observed points that fall on a predicted minute share its row.
 */
export function impactRows(impact: Impact, observed: Action['observed'] = []): ImpactRow[] {
  const rows = new Map<number, ImpactRow>();
  for (const p of impact.series) rows.set(p.minute, { minute: p.minute, baseline: p.baseline, withPlan: p.withPlan });
  for (const o of observed) rows.set(o.minute, { ...(rows.get(o.minute) ?? { minute: o.minute }), observed: o.observed });
  return [...rows.values()].sort((a, b) => a.minute - b.minute);
}

/** A figure in the locale with sensible precision for its size: 1234 → "1,234", 12.34 → "12.3", 0.123 → "0.12". */
export function formatFigure(v: number, locale: string): string {
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: digits }).format(v);
}

/** With a unit (already in the reader's language), when there is one. */
export const withUnit = (v: number, unit: string, locale: string) => (unit ? `${formatFigure(v, locale)} ${unit}` : formatFigure(v, locale));

/**
 * How much better the plan is predicted to be over the horizon, as a share of the baseline
 * (positive is better, whichever way the metric points); null when the baseline is zero.
 */
export function predictedGain(impact: Impact): number | null {
  if (impact.baseline === 0) return null;
  const change = (impact.withPlan - impact.baseline) / Math.abs(impact.baseline);
  return impact.lowerIsBetter ? -change : change;
}

/** The predicted gain as a whole percentage and its sense (for "12 % better" / "3 % worse"), or null. */
export function gainOf(impact: Impact): { pct: number; sense: 'better' | 'worse' | 'none' } | null {
  const g = predictedGain(impact);
  if (g === null) return null;
  const pct = Math.round(Math.abs(g) * 100);
  return { pct, sense: pct === 0 ? 'none' : g > 0 ? 'better' : 'worse' };
}

/**
 * How the observed effect compares with the prediction so far: the mean observed value against
 * the mean predicted with-plan value at the same minutes (null before any observation).
 */
export function observedVsPredicted(impact: Impact, observed: Action['observed']): { observed: number; predicted: number } | null {
  let o = 0;
  let p = 0;
  let n = 0;
  const series = [...impact.series].sort((a, b) => a.minute - b.minute);
  for (const pt of observed) {
    const predicted = interpolate(series, pt.minute);
    if (predicted === null) continue;
    o += pt.observed;
    p += predicted;
    n += 1;
  }
  return n ? { observed: o / n, predicted: p / n } : null;
}

/** The with-plan prediction at a minute, linear between the series' points (null outside it). */
export function interpolate(series: Impact['series'], minute: number): number | null {
  if (!series.length || minute < series[0].minute || minute > series[series.length - 1].minute) return null;
  for (let i = 0; i < series.length; i++) {
    const b = series[i];
    if (b.minute === minute) return b.withPlan;
    if (b.minute > minute) {
      const a = series[i - 1];
      return a.withPlan + ((b.withPlan - a.withPlan) * (minute - a.minute)) / (b.minute - a.minute);
    }
  }
  return null;
}
