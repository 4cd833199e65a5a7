import type { HorizonMetrics, ModelFamily } from '@/lib/protocol/forecast';
import { Random } from '../../twin/random';
import { persistence, seasonalMean } from './baselines';
import { calibrate, forecastOrigins, metrics, scoreOf, type Calibration } from './evaluate';
import { makeContext, type Context } from './features';
import { fitGru } from './gru';
import type { Fitted, Origin } from './model';
import { scalesOf, type Panel } from './panel';
import { Profile } from './profile';
import { fitRidge } from './ridge';
import type { TargetSpec } from './targets';

export interface Split {
  /** First step of validation, first step of test (exclusive ends of the parts before). */
  trainEnd: number;
  valEnd: number;
}

export interface PipelineOptions {
  seed: number;
  families?: ModelFamily[];
  /** Origins (series × time) the ridge model learns from, sampled. */
  maxTrainOrigins?: number;
  /** Origins scored on the validation and test windows, sampled; the same for every family. */
  maxEvalOrigins?: number;
  gruEpochs?: number;
  gruSamples?: number;
  split?: Split;
  /** A profile already fitted on every series (the panel may be a sample of them). */
  profile?: Profile;
  scales?: Float32Array;
}

export interface FamilyResult {
  family: ModelFamily;
  fitted: Fitted | null;
  calibration: Calibration | null;
  metrics: HorizonMetrics[];
  score: number | null;
  trainMs: number;
  error?: string;
}

export interface PipelineResult {
  split: Split;
  profile: Profile;
  scales: Float32Array;
  trainingSamples: number;
  results: FamilyResult[];
}

/** Train/validation/test by time. Test: the last week when there are three, else the last fifth; never shorter than the horizon. */
export function splitByTime(length: number, spec: Pick<TargetSpec, 'stepMinutes' | 'horizons' | 'window' | 'lags'>): Split {
  const day = Math.round(1440 / spec.stepMinutes);
  // Validation and test each hold origins over a whole day, so intervals are calibrated and
  // scored at every time of day, not just at the hours a short window happens to cover.
  const minPart = spec.horizons + day;
  const testLen = length >= 21 * day ? 7 * day : Math.max(Math.round(0.2 * length), minPart);
  const valLen = Math.max(Math.round(0.15 * length), minPart);
  const trainEnd = length - testLen - valLen;
  if (trainEnd < Math.max(day / 2, spec.window + spec.horizons + 1))
    throw new Error(`not enough history: ${length} steps of ${spec.stepMinutes} min leave ${Math.max(0, trainEnd)} for training`);
  return { trainEnd, valEnd: length - testLen };
}

/** Every (series, origin) with origin in [from, to], then a seeded sample of at most `max`. */
function originsIn(panel: Panel, from: number, to: number, max: number, rng: Random): Origin[] {
  const all: Origin[] = [];
  for (let i = 0; i < panel.ids.length; i++)
    for (let k = Math.max(0, from); k <= to; k++) if (!Number.isNaN(panel.values[i][k])) all.push({ i, k });
  if (all.length <= max) return all;
  for (let j = 0; j < max; j++) {
    const r = rng.int(j, all.length);
    [all[j], all[r]] = [all[r], all[j]];
  }
  return all.slice(0, max).sort((a, b) => a.i - b.i || a.k - b.k);
}

/** Days per cross-fitted calibration block. */
const BLOCK_DAYS = 3;

/**
 * More days to calibrate intervals on than the validation window's three: the training window in
 * blocks of three days, each forecast with a seasonal profile fitted without it (on the rest of
 * training and validation, never the test). The profile is what overfits the days it was fitted
 * on — a slot seen in two weeks is their mean — so these residuals are honest about it; the
 * models' own parameters (tens for ridge) hardly overfit thousands of windows. A day-ahead
 * interval calibrated on three days saw three draws of a day's level; this sees the fortnight.
 */
function crossFittedBlocks(spec: TargetSpec, panel: Panel, split: Split, scales: Float32Array, weather: Float32Array[] | null, neighbours: { upstream: Int32Array[]; downstream: Int32Array[] } | null, max: number, rng: Random): { ctx: Context; origins: Origin[] }[] {
  const block = Math.round((BLOCK_DAYS * 86_400_000) / panel.stepMs);
  const first = Math.max(spec.lags, spec.window) - 1;
  const blocks: { from: number; to: number }[] = [];
  for (let to = split.trainEnd; to - block >= first; to -= block) blocks.push({ from: to - block, to });
  // Too little history to leave a block out and still see most slots of the week: none.
  if (!blocks.length || split.valEnd - block < Math.round((7 * 86_400_000) / panel.stepMs)) return [];
  const per = Math.max(1, Math.floor(max / blocks.length));
  return blocks.map(({ from, to }) => {
    const values = panel.values.map((v) => {
      const c = v.slice(0, split.valEnd);
      c.fill(NaN, from, to);
      return c;
    });
    const profile = Profile.fit({ ...panel, length: split.valEnd, values }, spec.profileSlotMinutes * 60_000);
    return { ctx: makeContext(panel, profile, scales, weather, neighbours), origins: originsIn(panel, from, Math.min(to, split.trainEnd) - spec.horizons - 1, per, rng) };
  });
}

/**
 * The training pipeline on one panel (already cleaned, on the target's step): split by time, fit
 * the profile and every family on the training part, calibrate P10/P90 on validation and
 * cross-fitted training blocks, score all
 * of them on the same test origins. Deterministic for a seed.
 */
export async function runPipeline(spec: TargetSpec, panel: Panel, weather: Float32Array[] | null, neighbours: { upstream: Int32Array[]; downstream: Int32Array[] } | null, o: PipelineOptions): Promise<PipelineResult> {
  const split = o.split ?? splitByTime(panel.length, spec);
  const H = spec.horizons;
  const rng = new Random(o.seed);
  const trainPart = { ...panel, length: split.trainEnd, values: panel.values.map((v) => v.subarray(0, split.trainEnd)) };
  const profile = o.profile ?? Profile.fit(trainPart, spec.profileSlotMinutes * 60_000);
  const scales = o.scales ?? scalesOf(trainPart, spec.scaleFloor);
  const ctx: Context = makeContext(panel, profile, scales, weather, neighbours);
  const first = Math.max(spec.lags, spec.window) - 1;
  const train = originsIn(panel, first, split.trainEnd - H - 1, o.maxTrainOrigins ?? 40_000, rng);
  const val = originsIn(panel, split.trainEnd - 1, split.valEnd - H - 1, o.maxEvalOrigins ?? 20_000, rng);
  const test = originsIn(panel, split.valEnd - 1, panel.length - H - 1, o.maxEvalOrigins ?? 20_000, rng);
  if (!train.length || !val.length || !test.length) throw new Error('not enough history: a split has no complete forecast window');
  const crossFitted = crossFittedBlocks(spec, panel, split, scales, weather, neighbours, o.maxEvalOrigins ?? 20_000, rng);

  const results: FamilyResult[] = [];
  // The model services run this in a worker thread (pipeline-thread.ts); tests and the bench call
  // it in-process, where these turns let other work through between the long synchronous steps.
  const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));
  for (const family of o.families ?? spec.families) {
    await breathe();
    const t0 = performance.now();
    try {
      let fitted: Fitted;
      if (family === 'persistence') fitted = persistence(H);
      else if (family === 'seasonal-mean') fitted = seasonalMean(H);
      else if (family === 'ridge') fitted = fitRidge(ctx, train, { horizons: H, lags: spec.lags, weather: spec.weather && !!weather, neighbours: spec.neighbours && !!neighbours, windows: spec.meanWindows });
      else
        fitted = await fitGru(ctx, train, {
          horizons: H,
          window: spec.window,
          weather: spec.weather && !!weather,
          neighbours: spec.neighbours && !!neighbours,
          seed: o.seed,
          epochs: o.gruEpochs,
          samples: o.gruSamples,
        });
      const trainMs = performance.now() - t0;
      await breathe();
      const parts = [{ ctx, s: await forecastOrigins(ctx, fitted, val) }];
      for (const b of crossFitted) {
        await breathe();
        parts.push({ ctx: b.ctx, s: await forecastOrigins(b.ctx, fitted, b.origins) });
      }
      const calibration = calibrate(parts, H);
      await breathe();
      const m = metrics(ctx, await forecastOrigins(ctx, fitted, test), calibration, spec.reportSteps, spec.stepMinutes);
      results.push({ family, fitted, calibration, metrics: m, score: scoreOf(m), trainMs });
    } catch (err) {
      results.push({ family, fitted: null, calibration: null, metrics: [], score: null, trainMs: performance.now() - t0, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return { split, profile, scales, trainingSamples: train.length, results };
}

/** The family to serve: the lowest held-out score among those that trained (a family that failed has no score). */
export function bestOf<R extends { score: number | null }>(results: readonly R[]): R | null {
  let best: R | null = null;
  for (const r of results) if (r.score !== null && (!best || r.score < (best.score ?? Infinity))) best = r;
  return best;
}
