import { z } from 'zod';
import { Random } from '../../twin/random';
import { anomaly, seasonalAt, seqWidth, sequenceInto, type Context } from './features';
import type { Fitted, Origin } from './model';
import { loadTf } from './tf';

type Tf = Awaited<ReturnType<typeof loadTf>>;
type LayersModel = import('@tensorflow/tfjs').LayersModel;

export const gruArtefactSchema = z.object({
  window: z.number().int().min(2),
  horizons: z.number().int().min(1),
  units: z.number().int().min(1),
  /** Per input feature: 0 when it never varied in training (e.g. no weekend in it), so its untrained weights stay unused. */
  mask: z.array(z.number()),
  weather: z.boolean(),
  neighbours: z.boolean(),
  /** Every weight tensor: shape and little-endian float32 values, base64. */
  weights: z.array(z.object({ shape: z.array(z.number().int()), data: z.string() })),
});
export type GruArtefact = z.infer<typeof gruArtefactSchema>;

export interface GruOptions {
  horizons: number;
  /** Input steps. */
  window: number;
  units?: number;
  epochs?: number;
  /** Windows sampled for training: the GRU learns from a sample, not from every origin. */
  samples?: number;
  weather: boolean;
  neighbours: boolean;
  seed: number;
}

/** 1 for each of the W features that varies across the training inputs, else 0. */
function varyingFeatures(x: Float32Array, W: number): number[] {
  const lo = new Array<number>(W).fill(Infinity);
  const hi = new Array<number>(W).fill(-Infinity);
  for (let j = 0; j < x.length; j++) {
    const w = j % W;
    if (x[j] < lo[w]) lo[w] = x[j];
    if (x[j] > hi[w]) hi[w] = x[j];
  }
  return lo.map((l, w) => (hi[w] - l > 1e-6 ? 1 : 0));
}

function applyMask(x: Float32Array, mask: readonly number[]): void {
  const W = mask.length;
  if (mask.every((m) => m === 1)) return;
  for (let j = 0; j < x.length; j++) if (mask[j % W] === 0) x[j] = 0;
}

function build(tf: Tf, o: { window: number; width: number; units: number; horizons: number; seed: number }): LayersModel {
  const model = tf.sequential();
  model.add(
    tf.layers.gru({
      units: o.units,
      inputShape: [o.window, o.width],
      kernelInitializer: tf.initializers.glorotUniform({ seed: o.seed }),
      recurrentInitializer: tf.initializers.orthogonal({ seed: o.seed + 1 }),
    }),
  );
  model.add(tf.layers.dense({ units: o.horizons, kernelInitializer: tf.initializers.glorotUniform({ seed: o.seed + 2 }) }));
  return model;
}

const BATCH = 512;

class GruModel implements Fitted {
  readonly family = 'gru' as const;
  constructor(
    private readonly tf: Tf,
    private readonly model: LayersModel,
    private readonly a: Omit<GruArtefact, 'weights'>,
  ) {}

  get horizons(): number {
    return this.a.horizons;
  }

  /**
   * Batches of 512 windows: one WASM call each (~0.1 s for the default city under load), and the
   * event loop gets a turn between them, so serving the whole city never holds requests for long.
   */
  async predict(ctx: Context, origins: readonly Origin[]): Promise<Float32Array[]> {
    const { window: T, horizons: H } = this.a;
    const W = seqWidth(this.a.weather, this.a.neighbours);
    const out: Float32Array[] = [];
    for (let b = 0; b < origins.length; b += BATCH) {
      const part = origins.slice(b, b + BATCH);
      const x = new Float32Array(part.length * T * W);
      const ok = part.map(({ i, k }, n) => sequenceInto(ctx, i, k, T, this.a.weather, this.a.neighbours, x, n * T * W));
      applyMask(x, this.a.mask);
      // Copied out before tidy frees the tensor: the WASM backend's dataSync may be a view into its heap.
      const y = this.tf.tidy(() => Float32Array.from((this.model.predict(this.tf.tensor3d(x, [part.length, T, W])) as import('@tensorflow/tfjs').Tensor).dataSync()));
      part.forEach(({ i, k }, n) => {
        const row = new Float32Array(H).fill(NaN);
        if (ok[n]) {
          const t = ctx.panel.start + k * ctx.panel.stepMs;
          const a0 = anomaly(ctx, i, k);
          for (let h = 1; h <= H; h++) row[h - 1] = seasonalAt(ctx, i, t + h * ctx.panel.stepMs) + ctx.scales[i] * (a0 + y[n * H + h - 1]);
        }
        out.push(row);
      });
      await new Promise((r) => setImmediate(r));
    }
    return out;
  }

  artefact(): GruArtefact {
    const weights = this.model.getWeights().map((w) => {
      const v = w.dataSync() as Float32Array;
      return { shape: w.shape, data: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
    });
    return { ...this.a, weights };
  }
}

export async function loadGru(raw: unknown): Promise<Fitted> {
  const a = gruArtefactSchema.parse(raw);
  const tf = await loadTf();
  const model = build(tf, { window: a.window, width: seqWidth(a.weather, a.neighbours), units: a.units, horizons: a.horizons, seed: 0 });
  model.setWeights(
    a.weights.map((w) => {
      const buf = Buffer.from(w.data, 'base64');
      return tf.tensor(new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)), w.shape);
    }),
  );
  const { weights, ...rest } = a;
  void weights;
  return new GruModel(tf, model, rest);
}

/**
 * A GRU sequence model: the last `window` steps (departure from the seasonal level, the level,
 * time of day, weather, neighbours) → the departures at every horizon at once. Trained with
 * TensorFlow.js (WASM) on a seeded sample of windows, with MAE loss (a median forecast); it
 * predicts the change of the departure from its current value.
 */
export async function fitGru(ctx: Context, origins: readonly Origin[], o: GruOptions): Promise<Fitted> {
  const tf = await loadTf();
  const T = o.window;
  const H = o.horizons;
  const W = seqWidth(o.weather, o.neighbours);
  const units = o.units ?? 24;
  const rng = new Random(o.seed);
  const usable = origins.filter(({ k }) => k + H < ctx.panel.length && k - T + 1 >= 0);
  // Seeded shuffle, then take what is needed: deterministic for a seed.
  const pool = usable.slice();
  for (let j = pool.length - 1; j > 0; j--) {
    const r = rng.int(0, j + 1);
    [pool[j], pool[r]] = [pool[r], pool[j]];
  }
  const want = Math.min(o.samples ?? 8000, pool.length);
  const x = new Float32Array(want * T * W);
  const y = new Float32Array(want * H);
  let n = 0;
  for (const { i, k } of pool) {
    if (n >= want) break;
    // The GRU learns how the departure changes from now (a skip connection in the target): an
    // output it has not learned well stays near persistence of the departure, not near nonsense.
    const a0 = anomaly(ctx, i, k);
    let bad = Number.isNaN(a0);
    for (let h = 1; h <= H && !bad; h++) {
      const v = ctx.panel.values[i][k + h];
      if (Number.isNaN(v)) bad = true;
      else y[n * H + h - 1] = (v - seasonalAt(ctx, i, ctx.panel.start + (k + h) * ctx.panel.stepMs)) / ctx.scales[i] - a0;
    }
    if (bad || !sequenceInto(ctx, i, k, T, o.weather, o.neighbours, x, n * T * W)) continue;
    n++;
  }
  if (n < 32) throw new Error(`only ${n} complete training windows: not enough history for a GRU`);
  const mask = varyingFeatures(x.subarray(0, n * T * W), W);
  applyMask(x, mask);
  const model = build(tf, { window: T, width: W, units, horizons: H, seed: o.seed });
  model.compile({ optimizer: tf.train.adam(0.005), loss: 'meanAbsoluteError' });
  const xs = tf.tensor3d(x.subarray(0, n * T * W), [n, T, W]);
  const ys = tf.tensor2d(y.subarray(0, n * H), [n, H]);
  try {
    await model.fit(xs, ys, { epochs: o.epochs ?? 4, batchSize: 128, shuffle: false, verbose: 0 });
  } finally {
    xs.dispose();
    ys.dispose();
  }
  return new GruModel(tf, model, { window: T, horizons: H, units, mask, weather: o.weather, neighbours: o.neighbours });
}
