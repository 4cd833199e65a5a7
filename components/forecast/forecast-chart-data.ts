import type { Quantiles } from '@/lib/protocol/forecast';
import type { LocaleFormat, Translator } from '../control-room/locale-format';

export interface ForecastRow {
  t: number;
  p50: number;
  /** [P10, P90] for recharts' ranged Area. */
  band: [number, number];
}

export interface ForecastChartData {
  rows: ForecastRow[];
  /** Extent of the values drawn (band and reference line), for the y axis. */
  min: number;
  max: number;
}

/** Rows of a quantile forecast for the chart, in time order, without points that are not numbers. */
export function buildForecastChartData(points: readonly (Quantiles & { t: string })[], reference?: number): ForecastChartData {
  const rows = points
    .filter((p) => Number.isFinite(p.p10) && Number.isFinite(p.p50) && Number.isFinite(p.p90))
    .map((p) => ({ t: Date.parse(p.t), p50: p.p50, band: [Math.min(p.p10, p.p90), Math.max(p.p10, p.p90)] as [number, number] }))
    .filter((r) => Number.isFinite(r.t))
    .sort((a, b) => a.t - b.t);
  const values = rows.flatMap((r) => r.band);
  if (reference !== undefined) values.push(reference);
  return { rows, min: values.length ? Math.min(...values) : 0, max: values.length ? Math.max(...values) : 0 };
}

/** The accuracy line of a served model: MAE and interval coverage at the horizons it was scored on. */
export function describeAccuracy(
  t: Translator<'forecast'>,
  fmt: Pick<LocaleFormat, 'fixed'>,
  accuracy: readonly { horizonMinutes: number; mae: number; coverage: number }[],
  unit: string,
): string {
  if (!accuracy.length) return t('facts.noAccuracy');
  const h = (m: number) => (m % 60 === 0 ? t('facts.hours', { n: m / 60 }) : t('facts.minutes', { n: m }));
  const digits = (v: number) => (Math.abs(v) >= 100 ? 0 : 1);
  return accuracy
    .map((a) => t('facts.accuracyAt', { horizon: h(a.horizonMinutes), mae: fmt.fixed(a.mae, digits(a.mae)), unit, coverage: Math.round(a.coverage * 100) }))
    .join(' · ');
}
