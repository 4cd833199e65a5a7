import type { HorizonMetrics } from '@/lib/protocol/forecast';
import type { Context } from './features';
import type { Fitted, Origin } from './model';

/** P10 and P90 as offsets from the P50, per horizon, in units of each series' scale. */
export interface Calibration {
  lo: number[];
  hi: number[];
}

/** Forecasts of many origins with the actuals they are scored against. */
export interface Scored {
  origins: Origin[];
  p50: Float32Array[];
}

export async function forecastOrigins(ctx: Context, model: Fitted, origins: readonly Origin[]): Promise<Scored> {
  const usable = origins.filter(({ k }) => k + model.horizons < ctx.panel.length);
  return { origins: usable, p50: await model.predict(ctx, usable) };
}

function quantile(sorted: Float64Array, q: number): number {
  if (!sorted.length) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Split-conformal style intervals: the 10th and 90th percentiles of the scaled residuals on data
 * the model was not fitted on, per horizon, pooled over every part given (each with its context).
 */
export function calibrate(parts: readonly { ctx: Context; s: Scored }[], horizons: number): Calibration {
  const lo: number[] = [];
  const hi: number[] = [];
  for (let h = 1; h <= horizons; h++) {
    const r: number[] = [];
    for (const { ctx, s: part } of parts)
      part.origins.forEach(({ i, k }, n) => {
        const actual = ctx.panel.values[i][k + h];
        const p = part.p50[n][h - 1];
        if (!Number.isNaN(actual) && !Number.isNaN(p)) r.push((actual - p) / ctx.scales[i]);
      });
    const sorted = Float64Array.from(r).sort();
    lo.push(quantile(sorted, 0.1));
    hi.push(quantile(sorted, 0.9));
  }
  return { lo, hi };
}

/** Actuals whose absolute value is below this share of the series' scale are left out of MAPE (near-zero solar, at night). */
const MAPE_FLOOR = 0.05;

/** MAE, RMSE, MAPE and P10–P90 coverage at each listed horizon (in steps), over the scored origins. */
export function metrics(ctx: Context, s: Scored, cal: Calibration, horizonSteps: readonly number[], stepMinutes: number): HorizonMetrics[] {
  return horizonSteps.map((h) => {
    let n = 0;
    let abs = 0;
    let sq = 0;
    let pct = 0;
    let nPct = 0;
    let inside = 0;
    s.origins.forEach(({ i, k }, j) => {
      const actual = ctx.panel.values[i][k + h];
      const p = s.p50[j][h - 1];
      if (Number.isNaN(actual) || Number.isNaN(p)) return;
      const e = actual - p;
      n++;
      abs += Math.abs(e);
      sq += e * e;
      if (Math.abs(actual) >= MAPE_FLOOR * ctx.scales[i]) {
        pct += Math.abs(e / actual);
        nPct++;
      }
      const lo = p + ctx.scales[i] * cal.lo[h - 1];
      const hi = p + ctx.scales[i] * cal.hi[h - 1];
      if (actual >= lo && actual <= hi) inside++;
    });
    const r = (v: number, d = 3) => Math.round(v * 10 ** d) / 10 ** d;
    return {
      horizonMinutes: h * stepMinutes,
      mae: r(n ? abs / n : 0),
      rmse: r(n ? Math.sqrt(sq / n) : 0),
      mape: nPct ? r((100 * pct) / nPct, 2) : null,
      coverage: r(n ? inside / n : 0),
      n,
    };
  });
}

/** Mean MAE over the reported horizons: how the registry ranks models (lower is better). */
export const scoreOf = (m: readonly HorizonMetrics[]) => (m.length ? m.reduce((s, x) => s + x.mae, 0) / m.length : null);
