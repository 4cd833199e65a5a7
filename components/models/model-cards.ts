import type { ForecastTarget, HorizonMetrics, ModelsList, ModelVersion } from '@/lib/protocol/forecast';

export interface MetricRow {
  horizonMinutes: number;
  model: HorizonMetrics | null;
  persistence: HorizonMetrics | null;
  seasonal: HorizonMetrics | null;
  /** How much lower the model's MAE is than the better baseline's, in % (negative: worse). */
  gainPct: number | null;
}

export interface TargetCard {
  target: ForecastTarget;
  unit: string;
  serving: ModelVersion | null;
  rows: MetricRow[];
  /** Every other version listed, newest first. */
  others: ModelVersion[];
}

/** Per target, the serving version's errors next to the baselines' on the same test window. */
export function modelCards(list: ModelsList): TargetCard[] {
  return list.targets.map((t) => {
    const serving = t.serving ? (t.versions.find((v) => v.id === t.serving?.id && v.version === t.serving.version) ?? null) : null;
    const at = (ms: readonly HorizonMetrics[] | undefined, h: number) => ms?.find((m) => m.horizonMinutes === h) ?? null;
    const horizons = serving ? serving.metrics.map((m) => m.horizonMinutes) : t.horizonsMinutes;
    const rows = horizons.map((h) => {
      const model = at(serving?.metrics, h);
      const persistence = at(serving?.baselines.persistence, h);
      const seasonal = at(serving?.baselines['seasonal-mean'], h);
      const best = Math.min(persistence?.mae ?? Infinity, seasonal?.mae ?? Infinity);
      const gainPct = model && Number.isFinite(best) && best > 0 ? Math.round(((best - model.mae) / best) * 1000) / 10 : null;
      return { horizonMinutes: h, model, persistence, seasonal, gainPct };
    });
    const others = t.versions.filter((v) => v !== serving).sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    return { target: t.target, unit: t.unit, serving, rows, others };
  });
}

/** A horizon in whole hours from one hour, else in minutes: the caller words it in the reader's language. */
export const horizonOf = (m: number): { unit: 'hours'; hours: number } | { unit: 'minutes'; minutes: number } =>
  m >= 60 && m % 60 === 0 ? { unit: 'hours', hours: m / 60 } : { unit: 'minutes', minutes: m };
