import englishModels from '@/lib/i18n/messages/en/models.json';
import type { ForecastTarget, ModelFamily, ModelVersion, TrainRequest } from '@/lib/protocol/forecast';
import type { Store } from '../../store/store';
import { Random } from '../../twin/random';
import { readPanel, readWeather, seriesIds, sourceRange } from './history-store';
import { roadNeighbours } from './neighbours';
import { cleanPanel, coarsen, scalesOf, type Panel } from './panel';
import { bestOf, splitByTime } from './pipeline';
import { runPipelineInWorker } from './pipeline-thread';
import { Profile } from './profile';
import { pruneRuns, saveRun, saveVersion, setServing } from './registry';
import { targetSpecs, type TargetSpec } from './targets';

const BUCKET_MS = 300_000;
/** Series read per query while fitting the profile of every series (bounded memory on a big city). */
const CHUNK_SERIES = 250;

export class TrainError extends Error {}

export interface TrainOptions extends Partial<TrainRequest> {
  seed: number;
  /** Caps on the origins fitted and scored (smaller: faster, noisier metrics). */
  maxTrainOrigins?: number;
  maxEvalOrigins?: number;
  families?: ModelFamily[];
  log?: (line: string) => void;
  now?: () => number;
  gruEpochs?: number;
  gruSamples?: number;
}

/** In English for the registry and its API; the model cards page says the same per family in the reader's language. */
const DESCRIPTIONS: Record<ModelFamily, string> = englishModels.description;
export const describeFamily = (f: ModelFamily) => DESCRIPTIONS[f];

/** A target's 5-minute history on its own step, cleaned. */
async function loadPanel(store: Store, spec: TargetSpec, ids: string[], from: number, until: number): Promise<Panel> {
  const step = spec.stepMinutes * 60_000;
  const start = Math.floor(from / step) * step;
  const end = Math.floor(until / step) * step;
  const raw = await readPanel(store.db, spec.source, ids, start, end);
  return cleanPanel(coarsen(raw, step / BUCKET_MS), spec.range);
}

async function loadWeather(store: Store, spec: TargetSpec, from: number, until: number): Promise<Float32Array[] | null> {
  if (!spec.weather) return null;
  const step = spec.stepMinutes * 60_000;
  const w = cleanPanel(coarsen(await readWeather(store.db, Math.floor(from / step) * step, Math.floor(until / step) * step), step / BUCKET_MS), { min: -1e4, max: 1e4 }, 12);
  return w.values.some((v) => v.some((x) => !Number.isNaN(x))) ? w.values : null;
}

/**
 * Train one target from the stored history and register a version of each family with its
 * metrics and artefact; the best by held-out error becomes the serving one.
 */
export async function trainTarget(store: Store, target: ForecastTarget, o: TrainOptions): Promise<ModelVersion[]> {
  const spec = targetSpecs[target];
  const log = o.log ?? (() => undefined);
  const t0 = performance.now();
  const range = await sourceRange(store.db, spec.source);
  if (!range) throw new TrainError(`${target}: no history stored yet`);
  const step = spec.stepMinutes * 60_000;
  const until = Math.floor((range.until + BUCKET_MS) / step) * step;
  const from = Math.max(range.from, o.days ? until - o.days * 86_400_000 : range.from);
  const length = Math.floor((until - Math.ceil(from / step) * step) / step);
  let split;
  try {
    split = splitByTime(length, spec);
  } catch (err) {
    throw new TrainError(`${target}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const start = Math.ceil(from / step) * step;
  const trainUntil = start + split.trainEnd * step;

  // The profile and scales of every series, from the training window, a chunk at a time.
  const ids = await seriesIds(store.db, spec.source);
  const profiles: Float32Array[] = [];
  const scales: number[] = [];
  for (let c = 0; c < ids.length; c += CHUNK_SERIES) {
    const part = await loadPanel(store, spec, ids.slice(c, c + CHUNK_SERIES), start, trainUntil);
    profiles.push(...Profile.fit(part, spec.profileSlotMinutes * 60_000).slots);
    scales.push(...scalesOf(part, spec.scaleFloor));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const profile = new Profile(ids, spec.profileSlotMinutes * 60_000, profiles);

  // Models learn from (and are scored on) a seeded sample of the series when there are many.
  const rng = new Random(o.seed ^ 0x7a11);
  const max = o.maxSeries ?? (spec.source.table === 'traffic_5min' ? 400 : ids.length);
  const sample = ids.length <= max ? ids : [...ids].map((id) => ({ id, r: rng.next() })).sort((a, b) => a.r - b.r).slice(0, max).map((x) => x.id).sort();
  const panel = await loadPanel(store, spec, sample, start, until);
  const index = new Map(ids.map((id, i) => [id, i]));
  const weather = await loadWeather(store, spec, start, until);
  const neighbours = spec.neighbours ? roadNeighbours(sample, await store.listSegments()) : null;
  log(`${target}: ${ids.length} series (${sample.length} sampled), ${length} steps of ${spec.stepMinutes} min from ${new Date(start).toISOString()}`);

  // Off the event loop: the model services keep answering while the families fit.
  const result = await runPipelineInWorker(spec, panel, weather, neighbours, {
    seed: o.seed,
    families: o.families,
    split,
    profile,
    scales: Float32Array.from(sample, (id) => scales[index.get(id) ?? 0]),
    gruEpochs: o.gruEpochs,
    gruSamples: o.gruSamples,
    maxTrainOrigins: o.maxTrainOrigins,
    maxEvalOrigins: o.maxEvalOrigins,
  });
  const createdAt = new Date(o.now?.() ?? Date.now());
  const runId = `${target}-${createdAt.getTime()}-${o.seed}`;
  await saveRun(store.db, runId, target, { ...profile.toJSON(), scales }, createdAt);
  const iso = (k: number) => new Date(start + k * step).toISOString();
  const data = {
    from: iso(0),
    to: iso(length),
    series: sample.length,
    trainUntil: iso(split.trainEnd),
    validationUntil: iso(split.valEnd),
    testFrom: iso(split.valEnd),
    testTo: iso(length),
    trainingSamples: result.trainingSamples,
  };
  const metricsOf = (f: ModelFamily) => result.results.find((r) => r.family === f)?.metrics ?? [];
  const baselines = { persistence: metricsOf('persistence'), 'seasonal-mean': metricsOf('seasonal-mean') };
  const best = bestOf(result.results);
  const stored: ModelVersion[] = [];
  for (const r of result.results) {
    const card = {
      id: `${target}.${r.family}` as const,
      target,
      family: r.family,
      description: DESCRIPTIONS[r.family],
      createdAt: createdAt.toISOString(),
      status: r.artefact !== null ? ('standby' as const) : ('failed' as const),
      seed: o.seed,
      trainMs: Math.round(r.trainMs),
      data,
      metrics: r.metrics,
      baselines,
      score: r.score === null ? null : Math.round(r.score * 1000) / 1000,
      ...(r.error ? { error: r.error } : {}),
    };
    const model = r.artefact !== null ? { params: r.artefact, calibration: r.calibration } : null;
    stored.push(await saveVersion(store.db, card, runId, model));
    log(`${target}.${r.family}: ${r.error ? `failed: ${r.error}` : r.metrics.map((m) => `+${m.horizonMinutes}m MAE ${m.mae} cov ${m.coverage}`).join(', ')} (${Math.round(r.trainMs)} ms)`);
  }
  if (best) {
    const v = stored.find((s) => s.family === best.family);
    if (v) {
      await setServing(store.db, target, v.id, v.version);
      v.status = 'serving';
    }
  }
  await pruneRuns(store.db, target);
  log(`${target}: serving ${best?.family ?? 'nothing'}; trained in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return stored;
}
