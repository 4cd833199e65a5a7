import { seasonalAt, type Context } from './features';
import type { Fitted, Origin } from './model';

/** Persistence: the last reading, at every horizon. */
export function persistence(horizons: number): Fitted {
  return {
    family: 'persistence',
    horizons,
    predict: async (ctx: Context, origins: readonly Origin[]) =>
      origins.map(({ i, k }) => new Float32Array(horizons).fill(k >= 0 && k < ctx.panel.length ? ctx.panel.values[i][k] : NaN)),
    artefact: () => ({}),
  };
}

/** Historical average by time of week (the profile fitted on the training window). */
export function seasonalMean(horizons: number): Fitted {
  return {
    family: 'seasonal-mean',
    horizons,
    predict: async (ctx: Context, origins: readonly Origin[]) =>
      origins.map(({ i, k }) => {
        const out = new Float32Array(horizons);
        const t = ctx.panel.start + k * ctx.panel.stepMs;
        for (let h = 1; h <= horizons; h++) out[h - 1] = seasonalAt(ctx, i, t + h * ctx.panel.stepMs);
        return out;
      }),
    artefact: () => ({}),
  };
}
