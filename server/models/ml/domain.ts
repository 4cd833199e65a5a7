import { timingSafeEqual, createHash } from 'node:crypto';
import type { z } from 'zod';
import type { AqiStandard } from '@/lib/protocol/air';
import { cityHistoryBackfillSchema } from '@/lib/protocol/forecast-history';
import { forecastTargetSchema, mapForecastQuerySchema, trainRequestSchema, type ForecastTarget, type ModelsList, type TrainResult } from '@/lib/protocol/forecast';
import { forecastQuerySchema, segmentIdSchema } from '@/lib/protocol/models-api';
import { issuesOf } from '@/lib/validation';
import type { DomainFactory, ModelsDomain, RouteContext } from '../domain';
import { HttpError, readJson, sendJson } from '../http';
import { insertCityHistory, newestCityReading, rollupCity, sourceRange } from './history-store';
import { openApiDocument } from './openapi';
import { listVersions } from './registry';
import { airForecast, mapForecast, segmentForecast, seriesForecast } from './responses';
import { ForecastService } from './service';
import { allTargets, targetSpecs } from './targets';
import { trainTarget, TrainError } from './train';

export interface ForecastSettings {
  /** Bearer token that authorises POST /v1/models/{id}/train; unset: training over HTTP is off. */
  adminToken?: string;
  aqiStandard: AqiStandard;
  /** How often the history rollup and the forecast refresh run. */
  refreshMs?: number;
  /** 'fast': a target with no serving model trains its baselines and ridge by itself (one target per cycle). */
  autoTrain?: 'fast' | 'off';
  /** Seed of automatic training runs (deterministic, like npm run train). */
  autoTrainSeed?: number;
}

/** A target whose automatic training failed (too little history yet) is tried again once its history grew this much. */
const AUTO_TRAIN_RETRY_SPAN_MS = 3600_000;

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = issuesOf(r.error);
  throw new HttpError(400, 'bad-request', `invalid ${what}: ${issues[0] ? `${issues[0].path || '(root)'}: ${issues[0].message}` : 'invalid'}`, issues);
}

const digest = (s: string) => createHash('sha256').update(s).digest();

function authorise(header: string | undefined, token: string | undefined): void {
  if (!token) throw new HttpError(403, 'forbidden', 'training over HTTP is off: set MODELS_ADMIN_TOKEN on the model services');
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  // Compare digests: equal length, constant time, whatever was sent.
  if (!m || !timingSafeEqual(digest(m[1].trim()), digest(token))) throw new HttpError(401, 'unauthorised', 'POST /v1/models/{id}/train needs "Authorization: Bearer <MODELS_ADMIN_TOKEN>"');
}

/** Which targets and families a train id names: "grid-load.gru", "grid-load" or "all". */
export function resolveTrainId(id: string): { targets: ForecastTarget[]; family?: string } | null {
  if (id === 'all') return { targets: allTargets };
  const [t, family] = id.split('.');
  const target = forecastTargetSchema.safeParse(t);
  if (!target.success) return null;
  if (family !== undefined && !targetSpecs[target.data].families.includes(family as never)) return null;
  return { targets: [target.data], family };
}

/**
 * Forecasting in the model services (docs/MODELS.md): the city history backfill and its live
 * rollup, the model registry and training, and forecasts served from the cache of the serving
 * models. Traffic forecasts fall through to the historical-average route in app.ts until a
 * traffic model is trained.
 */
export function createForecastModels(settings: () => ForecastSettings): DomainFactory {
  return async ({ store, log, now }): Promise<ModelsDomain> => {
    const s = settings();
    const service = new ForecastService(store, log);
    let rolledUntil: number | null = null;
    let training: Promise<unknown> | null = null;
    const cycle = async () => {
      const newest = await newestCityReading(store.db);
      if (newest !== null) {
        // First cycle: everything raw of the last 8 days (raw tables keep it); then from the last bucket rolled.
        const from = rolledUntil !== null ? rolledUntil - 300_000 : newest - 8 * 86_400_000;
        await rollupCity(store.db, from, newest);
        rolledUntil = Math.floor(newest / 300_000) * 300_000;
      }
      await service.tick();
      if (s.autoTrain === 'fast' && !training) await autoTrain();
    };
    /** Per target, the span of history (ms) its last automatic training saw. */
    const autoTried = new Map<ForecastTarget, number>();
    // Fresh start: no forecast until someone runs npm run train. Train what is cheap (never the
    // GRU) for every untrained target whose history grew since it was last tried, so the control
    // room and the optimisers have forecasts as soon as the history allows.
    const autoTrain = async () => {
      for (const target of allTargets) {
        if (service.serving(target)) continue;
        const spec = targetSpecs[target];
        const range = await sourceRange(store.db, spec.source);
        const span = range ? range.until - range.from : 0;
        const tried = autoTried.get(target);
        if (!range || (tried !== undefined && span - tried < AUTO_TRAIN_RETRY_SPAN_MS)) continue;
        autoTried.set(target, span);
        const families = spec.families.filter((f) => f !== 'gru');
        // Smaller than npm run train's defaults: this runs beside live traffic (the fit in a worker
        // thread, the history reads on the event loop) on a shared machine.
        const job = trainTarget(store, target, { seed: s.autoTrainSeed ?? 42, families, log, now, maxSeries: 200, maxTrainOrigins: 12_000, maxEvalOrigins: 6_000 });
        training = job;
        try {
          const versions = await job;
          log(`auto-trained ${target}: ${versions.map((v) => `${v.family} v${v.version}${v.status === 'serving' ? ' (serving)' : ''}`).join(', ')}`);
        } catch (err) {
          log(`auto-training ${target} waits for more history: ${err instanceof Error ? err.message : String(err)}`);
        } finally {
          training = null;
        }
      }
      await service.tick();
    };
    let cycling: Promise<void> | null = null;
    let again = false;
    let closed = false;
    // One cycle at a time; a request during one runs another right after (new history landed).
    const run = (): Promise<void> => {
      if (closed) return Promise.resolve();
      if (cycling) {
        again = true;
        return cycling;
      }
      cycling = cycle()
        .catch((err: unknown) => log(`forecast cycle failed: ${err instanceof Error ? err.message : String(err)}`))
        .finally(() => {
          cycling = null;
          if (again && !closed) {
            again = false;
            void run();
          }
        });
      return cycling;
    };
    const timer = setInterval(() => void run(), s.refreshMs ?? 30_000);
    timer.unref();
    void run();

    const served = (target: ForecastTarget) => {
      const set = service.get(target);
      if (!set) throw new HttpError(404, 'no-model', `no ${target} forecast yet: train the models (npm run train), then wait for the next refresh`);
      return set;
    };

    const route = async ({ req, res, path, query, allow }: RouteContext): Promise<boolean> => {
      if (path === '/v1/openapi.json') {
        allow('GET');
        sendJson(res, 200, openApiDocument());
        return true;
      }
      if (path === '/v1/ingest/city/history') {
        allow('POST');
        const body = parse(cityHistoryBackfillSchema, await readJson(req), 'history');
        const rows = await insertCityHistory(store.db, body);
        log(`city history: ${rows} five-minute rows from ${body.start}`);
        res.writeHead(204).end();
        // Roll up and forecast (and, on a fresh start, train) without waiting for the timer.
        void run();
        return true;
      }
      if (path === '/v1/models') {
        allow('GET');
        const versions = await listVersions(store.db);
        const body: ModelsList = {
          targets: allTargets.map((target) => {
            const spec = targetSpecs[target];
            const card = versions.find((v) => v.target === target && v.status === 'serving');
            return {
              target,
              unit: spec.unit,
              stepMinutes: spec.stepMinutes,
              horizonsMinutes: spec.reportSteps.map((h) => h * spec.stepMinutes),
              serving: card ? { id: card.id, version: card.version } : null,
              versions: versions.filter((v) => v.target === target),
            };
          }),
        };
        sendJson(res, 200, body);
        return true;
      }
      let m = /^\/v1\/models\/([^/]+)\/train$/.exec(path);
      if (m) {
        allow('POST');
        authorise(req.headers.authorization, s.adminToken);
        const which = resolveTrainId(decodeURIComponent(m[1]));
        if (!which) throw new HttpError(404, 'unknown-model', `no model "${m[1]}": use a target (${allTargets.join(', ')}), "<target>.<family>" or "all"`);
        const raw = Number(req.headers['content-length'] ?? 0) > 0 ? await readJson(req) : {};
        const opts = parse(trainRequestSchema, raw, 'train request');
        if (training) throw new HttpError(409, 'busy', 'a training run is under way; try again when it ends');
        const t0 = performance.now();
        const job = (async () => {
          const trained = [];
          for (const target of which.targets) {
            const spec = targetSpecs[target];
            const families = which.family ? [...new Set(['persistence', 'seasonal-mean', which.family])] : spec.families;
            try {
              trained.push(...(await trainTarget(store, target, { ...opts, families: families as typeof spec.families, log, now })));
            } catch (err) {
              if (!(err instanceof TrainError) || which.targets.length === 1) throw err;
              log(`skipped ${target}: ${err.message}`);
            }
          }
          return trained;
        })();
        training = job;
        try {
          const trained = await job;
          await service.tick();
          const body: TrainResult = {
            trained,
            serving: allTargets.flatMap((target) => {
              const c = service.serving(target);
              return c ? [{ target, id: c.id, version: c.version }] : [];
            }),
            ms: Math.round(performance.now() - t0),
          };
          sendJson(res, 200, body);
        } catch (err) {
          if (err instanceof TrainError) throw new HttpError(422, 'not-enough-history', err.message);
          throw err;
        } finally {
          training = null;
        }
        return true;
      }
      m = /^\/v1\/forecasts\/map\/([^/]+)$/.exec(path);
      if (m) {
        allow('GET');
        const target = parse(forecastTargetSchema, m[1], 'target');
        const { minutes } = parse(mapForecastQuerySchema, query, 'query');
        sendJson(res, 200, mapForecast(served(target), minutes));
        return true;
      }
      m = /^\/v1\/forecasts\/traffic\/([^/]+)$/.exec(path);
      if (m) {
        const speed = service.get('traffic-speed');
        // No trained traffic model yet: app.ts answers with the historical average.
        if (!speed) return false;
        allow('GET');
        const id = parse(segmentIdSchema, decodeURIComponent(m[1]), 'segment id');
        const { minutes } = parse(forecastQuerySchema, query, 'query');
        const body = segmentForecast(speed, service.get('traffic-flow'), id, minutes);
        if (!body) return false;
        sendJson(res, 200, body);
        return true;
      }
      m = /^\/v1\/forecasts\/grid\/([^/]+)$/.exec(path);
      if (m) {
        allow('GET');
        const id = parse(segmentIdSchema, decodeURIComponent(m[1]), 'asset id');
        const load = served('grid-load');
        const i = load.index.get(id);
        if (i === undefined) throw new HttpError(404, 'unknown-asset', `no forecast for grid asset "${id}"`);
        const solar = service.get('grid-solar');
        const j = solar?.index.get(id);
        sendJson(res, 200, { assetId: id, load: seriesForecast(load, i), solar: solar && j !== undefined ? seriesForecast(solar, j) : null });
        return true;
      }
      m = /^\/v1\/forecasts\/air\/([^/]+)$/.exec(path);
      if (m) {
        allow('GET');
        const id = parse(segmentIdSchema, decodeURIComponent(m[1]), 'station id');
        const body = airForecast({ pm25: served('air-pm25'), no2: served('air-no2'), o3: served('air-o3') }, id, s.aqiStandard);
        if (!body) throw new HttpError(404, 'unknown-station', `no forecast for air-quality station "${id}"`);
        sendJson(res, 200, body);
        return true;
      }
      return false;
    };

    return {
      name: 'forecast',
      layers: [],
      route,
      forecast: (target) => service.get(target),
      close: async () => {
        closed = true;
        clearInterval(timer);
        await cycling;
        await training?.catch(() => undefined);
      },
    };
  };
}
