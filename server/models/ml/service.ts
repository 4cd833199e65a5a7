import { z } from 'zod';
import type { Explanation, ForecastTarget, ModelFamily, ModelVersion } from '@/lib/protocol/forecast';
import type { Store } from '../../store/store';
import { persistence, seasonalMean } from './baselines';
import type { Calibration } from './evaluate';
import { makeContext, type Context, type DriverGroup } from './features';
import { loadGru } from './gru';
import { readPanel, readWeather } from './history-store';
import type { Fitted } from './model';
import { roadNeighbours } from './neighbours';
import { cleanPanel, coarsen } from './panel';
import { Profile } from './profile';
import { loadServing, registryStamp } from './registry';
import { loadRidge } from './ridge';
import { allTargets, targetSpecs, type TargetSpec } from './targets';

const BUCKET_MS = 300_000;
const modelArtefactSchema = z.object({ params: z.unknown(), calibration: z.object({ lo: z.array(z.number()), hi: z.array(z.number()) }) });

async function loadFamily(family: ModelFamily, params: unknown, horizons: number): Promise<Fitted> {
  if (family === 'persistence') return persistence(horizons);
  if (family === 'seasonal-mean') return seasonalMean(horizons);
  if (family === 'ridge') return loadRidge(params);
  return loadGru(params);
}

interface Loaded {
  spec: TargetSpec;
  card: ModelVersion;
  model: Fitted;
  calibration: Calibration;
  /** The seasonal mean of the same run: what answers when the model fails. */
  fallback: { model: Fitted; calibration: Calibration } | null;
  explainer: Fitted | null;
  profile: Profile;
  scales: Float32Array;
}

/** The newest forecast of every series of a target, P10/P50/P90 per horizon step. */
export interface ForecastSet {
  target: ForecastTarget;
  card: ModelVersion;
  /** End of the last observed step: what the forecast starts from. */
  madeAt: number;
  /** Start time of the last observed step (the origin). */
  originAt: number;
  stepMs: number;
  ids: string[];
  index: Map<string, number>;
  p10: Float32Array[];
  p50: Float32Array[];
  p90: Float32Array[];
  /** Series the served model could not forecast, answered by the seasonal fallback. */
  fellBack: Set<number>;
  explain: (i: number, h: number) => Explanation | null;
  /** Free-flow speeds of the segments (traffic-speed only), for congestion levels. */
  freeFlowKmh?: Float32Array;
}

const DRIVER_LABELS: Record<DriverGroup, string> = {
  'time-of-day': 'Time of day and week',
  'recent-trend': 'Recent trend (latest readings against the usual)',
  weather: 'Weather now',
  'upstream-congestion': 'Congestion up- and downstream',
};

/**
 * Serves forecasts: loads each target's serving version from the registry, and when a new step
 * of history lands, forecasts every series of the target in one batch (off the request path);
 * requests read the cached result. A model that fails, or cannot forecast a series, is replaced
 * by its run's seasonal mean (the baseline).
 */
export class ForecastService {
  private loaded = new Map<ForecastTarget, Loaded>();
  private sets = new Map<ForecastTarget, ForecastSet>();
  private stamp = '';
  private newest = new Map<ForecastTarget, number>();
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly log: (line: string) => void,
  ) {}

  get(target: ForecastTarget): ForecastSet | null {
    return this.sets.get(target) ?? null;
  }

  serving(target: ForecastTarget): ModelVersion | null {
    return this.loaded.get(target)?.card ?? null;
  }

  /** Reload the registry if it changed, then refresh targets whose history gained a step. Never runs twice at once. */
  tick(): Promise<void> {
    this.running ??= this.doTick().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async doTick(): Promise<void> {
    const stamp = await registryStamp(this.store.db);
    if (stamp !== this.stamp) {
      this.stamp = stamp;
      await this.reload();
    }
    for (const target of this.loaded.keys()) {
      try {
        await this.refresh(target);
      } catch (err) {
        this.log(`forecast ${target} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  private async reload(): Promise<void> {
    for (const target of allTargets) {
      const spec = targetSpecs[target];
      try {
        const entry = await loadServing(this.store.db, target);
        if (!entry) {
          this.loaded.delete(target);
          this.sets.delete(target);
          continue;
        }
        if (this.loaded.get(target)?.card.version === entry.card.version && this.loaded.get(target)?.card.id === entry.card.id) continue;
        const art = modelArtefactSchema.parse(entry.family[entry.card.family]);
        const fb = entry.family['seasonal-mean'] ? modelArtefactSchema.parse(entry.family['seasonal-mean']) : null;
        const ridge = entry.family.ridge ? modelArtefactSchema.parse(entry.family.ridge) : null;
        this.loaded.set(target, {
          spec,
          card: entry.card,
          model: await loadFamily(entry.card.family, art.params, spec.horizons),
          calibration: art.calibration,
          fallback: fb ? { model: seasonalMean(spec.horizons), calibration: fb.calibration } : null,
          explainer: ridge ? loadRidge(ridge.params) : null,
          profile: Profile.fromJSON(entry.run),
          scales: Float32Array.from(entry.run.scales),
        });
        this.newest.delete(target);
        this.log(`serving ${entry.card.id} v${entry.card.version}`);
      } catch (err) {
        this.log(`could not load the serving model of ${target}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  /** Forecast every series of a target from the newest complete step, if a new one landed. */
  async refresh(target: ForecastTarget, force = false): Promise<void> {
    const l = this.loaded.get(target);
    if (!l) return;
    const { spec } = l;
    const step = spec.stepMinutes * 60_000;
    const [row] = await this.store.db.query<{ b: Date | string | null }>(`select max(bucket) as b from ${spec.source.table}`);
    if (!row?.b) return;
    const end = Math.floor((new Date(row.b).getTime() + BUCKET_MS) / step) * step;
    if (!force && this.newest.get(target) === end) return;
    this.newest.set(target, end);
    // Enough steps for the GRU's window, the lags and the ridge model's mean departures.
    const steps = Math.max(spec.window, spec.lags, ...spec.meanWindows) + 2;
    const from = end - steps * step;
    const ids = l.profile.ids;
    const panel = cleanPanel(coarsen(await readPanel(this.store.db, spec.source, ids, from, end), step / BUCKET_MS), spec.range);
    const weather = spec.weather ? coarsen(await readWeather(this.store.db, from, end), step / BUCKET_MS).values : null;
    const segments = spec.neighbours || target === 'traffic-speed' ? await this.store.listSegments() : [];
    const neighbours = spec.neighbours ? roadNeighbours(ids, segments) : null;
    const ctx: Context = makeContext(panel, l.profile, l.scales, weather, neighbours);
    const k = panel.length - 1;
    const origins = ids.map((_, i) => ({ i, k }));
    let p50: Float32Array[];
    try {
      p50 = await l.model.predict(ctx, origins);
    } catch (err) {
      this.log(`${l.card.id} v${l.card.version} failed, serving the seasonal mean: ${err instanceof Error ? err.message : String(err)}`);
      p50 = origins.map(() => new Float32Array(spec.horizons).fill(NaN));
    }
    const fellBack = new Set<number>();
    const fb = l.fallback ? await l.fallback.model.predict(ctx, origins) : null;
    const H = spec.horizons;
    const clamp = (v: number) => Math.min(spec.range.max, Math.max(spec.range.min, v));
    const p10: Float32Array[] = [];
    const p90: Float32Array[] = [];
    p50.forEach((row50, i) => {
      let cal = l.calibration;
      if (row50.some(Number.isNaN) && fb && l.fallback) {
        fellBack.add(i);
        row50.set(fb[i]);
        cal = l.fallback.calibration;
      }
      const lo = new Float32Array(H);
      const hi = new Float32Array(H);
      for (let h = 0; h < H; h++) {
        const s = l.scales[i];
        lo[h] = clamp(row50[h] + s * cal.lo[h]);
        hi[h] = clamp(row50[h] + s * cal.hi[h]);
        row50[h] = clamp(row50[h]);
      }
      p10.push(lo);
      p90.push(hi);
    });
    const explainer = l.explainer;
    const set: ForecastSet = {
      target,
      card: l.card,
      madeAt: end,
      originAt: end - step,
      stepMs: step,
      ids,
      index: new Map(ids.map((id, i) => [id, i])),
      p10,
      p50,
      p90,
      fellBack,
      explain: (i, h) => {
        const a = explainer?.explain?.(ctx, { i, k }, h);
        if (!a) return null;
        const r = (v: number) => Math.round(v * 100) / 100;
        return { horizonMinutes: h * spec.stepMinutes, seasonal: r(a.seasonal), drivers: a.drivers.map((d) => ({ driver: d.group, label: DRIVER_LABELS[d.group], contribution: r(d.contribution) })) };
      },
    };
    if (target === 'traffic-speed') {
      const ff = new Map(segments.map((s) => [s.id, s.freeFlowKmh]));
      set.freeFlowKmh = Float32Array.from(ids, (id) => ff.get(id) ?? NaN);
    }
    this.sets.set(target, set);
  }
}
