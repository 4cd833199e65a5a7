import { z } from 'zod';
import { ridgeFeatures, ridgeLayout, seasonalAt, type Context, type DriverGroup, type FeatureLayout } from './features';
import type { Attribution, Fitted, Origin } from './model';

/** Solve (A + λI)x = b for a small symmetric positive system (Gaussian elimination, partial pivoting). */
export function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]) > Math.abs(m[p * n + c])) p = r;
    if (p !== c) {
      for (let j = 0; j < n; j++) [m[c * n + j], m[p * n + j]] = [m[p * n + j], m[c * n + j]];
      [x[c], x[p]] = [x[p], x[c]];
    }
    const d = m[c * n + c] || 1e-12;
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c] / d;
      if (f === 0) continue;
      for (let j = c; j < n; j++) m[r * n + j] -= f * m[c * n + j];
      x[r] -= f * x[c];
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    let s = x[c];
    for (let j = c + 1; j < n; j++) s -= m[c * n + j] * x[j];
    x[c] = s / (m[c * n + c] || 1e-12);
  }
  return x;
}

export const ridgeArtefactSchema = z.object({
  lags: z.number().int().min(1),
  names: z.array(z.string()),
  weather: z.boolean(),
  neighbours: z.boolean(),
  /** Windows (steps) of the mean departures it reads; absent in artefacts stored before them. */
  windows: z.array(z.number().int().min(1)).optional(),
  /** Per horizon: coefficients and the training means of the features. */
  coef: z.array(z.array(z.number())),
  means: z.array(z.array(z.number())),
});
export type RidgeArtefact = z.infer<typeof ridgeArtefactSchema>;

class RidgeModel implements Fitted {
  readonly family = 'ridge' as const;
  private readonly layout: FeatureLayout;
  constructor(private readonly a: RidgeArtefact) {
    this.layout = ridgeLayout(a.lags, a.weather, a.neighbours, a.windows);
  }

  get horizons(): number {
    return this.a.coef.length;
  }

  async predict(ctx: Context, origins: readonly Origin[]): Promise<Float32Array[]> {
    return origins.map(({ i, k }) => {
      const out = new Float32Array(this.horizons).fill(NaN);
      const t = ctx.panel.start + k * ctx.panel.stepMs;
      for (let h = 1; h <= this.horizons; h++) {
        const x = ridgeFeatures(ctx, this.layout, i, k, h);
        if (!x) break;
        const beta = this.a.coef[h - 1];
        let y = 0;
        for (let j = 0; j < x.length; j++) y += beta[j] * x[j];
        out[h - 1] = seasonalAt(ctx, i, t + h * ctx.panel.stepMs) + ctx.scales[i] * y;
      }
      return out;
    });
  }

  /** P50 = seasonal + scale·Σβx; each driver is its features' departure from their training means, times β. */
  explain(ctx: Context, { i, k }: Origin, h: number): Attribution | null {
    const x = ridgeFeatures(ctx, this.layout, i, k, h);
    if (!x) return null;
    const beta = this.a.coef[h - 1];
    const mean = this.a.means[h - 1];
    const s = ctx.scales[i];
    let base = 0;
    const by = new Map<DriverGroup, number>();
    x.forEach((v, j) => {
      base += beta[j] * mean[j];
      const g = this.layout.groups[j];
      if (g !== 'bias') by.set(g, (by.get(g) ?? 0) + s * beta[j] * (v - mean[j]));
    });
    const t = ctx.panel.start + (k + h) * ctx.panel.stepMs;
    return { seasonal: seasonalAt(ctx, i, t) + s * base, drivers: [...by].map(([group, contribution]) => ({ group, contribution })) };
  }

  artefact(): RidgeArtefact {
    return this.a;
  }
}

export const loadRidge = (a: unknown): Fitted => new RidgeModel(ridgeArtefactSchema.parse(a));

/**
 * Direct multi-horizon ridge regression: one linear model per horizon, on every series at once
 * (normalised), predicting the departure from the seasonal level at t+h from recent departures
 * (the last few, and their means over longer windows),
 * time of day, the weather now and (roads) the neighbours' congestion. Closed form: fast.
 */
export function fitRidge(ctx: Context, origins: readonly Origin[], opts: { horizons: number; lags: number; weather: boolean; neighbours: boolean; windows?: readonly number[]; lambda?: number }): Fitted {
  const windows = [...(opts.windows ?? [])];
  const layout = ridgeLayout(opts.lags, opts.weather, opts.neighbours, windows);
  const n = layout.names.length;
  const coef: number[][] = [];
  const means: number[][] = [];
  for (let h = 1; h <= opts.horizons; h++) {
    const xtx = new Float64Array(n * n);
    const xty = new Float64Array(n);
    const sum = new Float64Array(n);
    let count = 0;
    for (const { i, k } of origins) {
      if (k + h >= ctx.panel.length) continue;
      const yv = ctx.panel.values[i][k + h];
      if (Number.isNaN(yv)) continue;
      const x = ridgeFeatures(ctx, layout, i, k, h);
      if (!x) continue;
      const y = (yv - seasonalAt(ctx, i, ctx.panel.start + (k + h) * ctx.panel.stepMs)) / ctx.scales[i];
      for (let a = 0; a < n; a++) {
        const xa = x[a];
        sum[a] += xa;
        xty[a] += xa * y;
        for (let b = a; b < n; b++) xtx[a * n + b] += xa * x[b];
      }
      count++;
    }
    for (let a = 0; a < n; a++) for (let b = 0; b < a; b++) xtx[a * n + b] = xtx[b * n + a];
    const lambda = (opts.lambda ?? 1e-3) * Math.max(1, count);
    for (let a = 1; a < n; a++) xtx[a * n + a] += lambda;
    coef.push(count ? Array.from(solve(xtx, xty, n)) : new Array<number>(n).fill(0));
    means.push(Array.from(sum, (v) => (count ? v / count : 0)));
  }
  return new RidgeModel({ lags: opts.lags, names: layout.names, weather: opts.weather, neighbours: opts.neighbours, ...(windows.length ? { windows } : {}), coef, means });
}
