import { Worker } from 'node:worker_threads';
import type { HorizonMetrics, ModelFamily } from '@/lib/protocol/forecast';
import type { Calibration } from './evaluate';
import type { Panel } from './panel';
import type { PipelineOptions, PipelineResult, Split } from './pipeline';
import type { TargetSpec } from './targets';

/** What the registry keeps of one family's run: plain data, so it can cross a thread. */
export interface FamilyReport {
  family: ModelFamily;
  /** The fitted model's artefact; null when the family failed. */
  artefact: unknown;
  calibration: Calibration | null;
  metrics: HorizonMetrics[];
  score: number | null;
  trainMs: number;
  error?: string;
}

export interface PipelineReport {
  split: Split;
  trainingSamples: number;
  results: FamilyReport[];
}

/** A pipeline run's inputs as structured-cloneable data (the profile as its slots, not the class). */
export interface PipelineJob {
  spec: TargetSpec;
  panel: Panel;
  weather: Float32Array[] | null;
  neighbours: { upstream: Int32Array[]; downstream: Int32Array[] } | null;
  options: Omit<PipelineOptions, 'profile'> & { profile?: { ids: string[]; slotMs: number; slots: Float32Array[] } };
}

export function reportOf(r: PipelineResult): PipelineReport {
  return {
    split: r.split,
    trainingSamples: r.trainingSamples,
    results: r.results.map((x) => ({
      family: x.family,
      artefact: x.fitted ? x.fitted.artefact() : null,
      calibration: x.calibration,
      metrics: x.metrics,
      score: x.score,
      trainMs: x.trainMs,
      ...(x.error ? { error: x.error } : {}),
    })),
  };
}

const BOOT = new URL('./worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./pipeline-worker.ts', import.meta.url).href;

/**
 * runPipeline in a worker thread: fitting (the GRU for tens of seconds) and scoring are CPU-bound
 * and would otherwise hold the model services' event loop, so requests and the gateway's polls
 * would wait for the whole run. Same code, same seed, same result as in-process. The store stays
 * on the calling thread (PGlite is one connection): the caller reads the history and writes the
 * registry.
 */
export function runPipelineInWorker(spec: TargetSpec, panel: Panel, weather: Float32Array[] | null, neighbours: PipelineJob['neighbours'], o: PipelineOptions): Promise<PipelineReport> {
  const { profile, ...options } = o;
  const job: PipelineJob = { spec, panel, weather, neighbours, options: { ...options, ...(profile ? { profile: { ids: profile.ids, slotMs: profile.slotMs, slots: profile.slots } } : {}) } };
  return new Promise<PipelineReport>((resolve, reject) => {
    const worker = new Worker(BOOT, { workerData: { entry: ENTRY, job } });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.once('message', (m: { ok: true; report: PipelineReport } | { ok: false; error: string }) => settle(() => (m.ok ? resolve(m.report) : reject(new Error(m.error)))));
    worker.once('error', (err) => settle(() => reject(err)));
    worker.once('exit', (code) => settle(() => reject(new Error(`the training worker exited (code ${code}) before it answered`))));
  });
}
