import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { z } from 'zod';
import { basemapSchema } from '@/lib/protocol/basemap';
import {
  forecastQuerySchema,
  historyBackfillSchema,
  historyQuerySchema,
  segmentIdSchema,
  type Health,
  type Network,
  type SegmentHistory,
} from '@/lib/protocol/models-api';
import type { ForecastTarget } from '@/lib/protocol/forecast';
import { layerNameSchema, type LayerName } from '@/lib/protocol/layers';
import { issuesOf } from '@/lib/validation';
import { RAW_RETENTION_MS, type Store } from '../store/store';
import { isStoreUnavailable } from '../store/unavailable';
import { forecastSpeed } from './forecast';
import { HttpError, readJson, sendError, sendJson, sendNoContent, sendRaw } from './http';
import type { ModelsDomain } from './domain';
import { domainFactories } from './domains';
import { startMqttIngest, type MqttIngest } from './mqtt-ingest';
import type { Field } from './optimize/field';
import { createOptimizeDomain } from './optimize/domain';
import { createUpsert } from './upsert';
import type { LayerCache } from './layer-cache';
import type { ForecastSet } from './ml/service';
import { TrafficStateCache } from './state';

const BUCKET_MS = 5 * 60 * 1000;
/** History the forecast profile is drawn from. */
const PROFILE_DAYS = 28;

export interface ModelsServerOptions {
  store: Store;
  log?: (line: string) => void;
  /** How often raw observations are rolled into 5-minute history and pruned. */
  rollupIntervalMs?: number;
  now?: () => number;
  /** mqtt:// broker to take NGSI-LD batches from as well (MQTT_URL). */
  mqttUrl?: string;
  /** Root of the MQTT topics (default polis/ngsi-ld). */
  mqttTopicRoot?: string;
  /** The field's actuation API the optimisers ask for intersections and what-ifs (the twin's); unset: they answer 503. */
  field?: Field;
}

export interface ModelsServer {
  server: Server;
  state: TrafficStateCache;
  domains: ModelsDomain[];
  /** The MQTT subscriber, when mqttUrl is set. */
  mqtt: MqttIngest | null;
  /** Roll completed buckets up and prune old raw rows now (also runs on a timer). */
  rollup: () => Promise<void>;
  /** Stops the timer and the HTTP server; the store stays open for its owner to close. */
  close: () => Promise<void>;
}

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = issuesOf(r.error);
  const first = issues[0];
  throw new HttpError(400, 'bad-request', `invalid ${what}: ${first ? `${first.path || '(root)'}: ${first.message}` : 'invalid'}`, issues);
}

/** The model services: ingest, current state, history and forecasts over HTTP (docs/API.md). */
export async function createModelsServer(opts: ModelsServerOptions): Promise<ModelsServer> {
  const { store } = opts;
  const log = opts.log ?? ((line: string) => console.log(`[models] ${line}`));
  const now = opts.now ?? Date.now;
  const state = new TrafficStateCache();
  const known = new Set((await store.listSegments()).map((s) => s.id));
  state.apply(await store.latestObservations());
  const domains: ModelsDomain[] = [];
  for (const create of domainFactories) domains.push(await create({ store, log, now }));
  const layerCaches = new Map<LayerName, LayerCache>();
  for (const d of domains) for (const cache of d.layers) layerCaches.set(cache.layer, cache);
  const forecastOf = (target: ForecastTarget) => domains.reduce<ForecastSet | null>((found, d) => found ?? d.forecast?.(target) ?? null, null);
  domains.push(createOptimizeDomain({ store, log, now, state, layers: layerCaches, forecast: forecastOf, field: opts.field ?? null }));
  const emptyLayer = JSON.stringify({ source: null, asOf: null, items: {} });
  const upsert = createUpsert({ store, known, state, domains });
  const mqttIngest = opts.mqttUrl ? startMqttIngest({ url: opts.mqttUrl, topicRoot: opts.mqttTopicRoot, ingest: upsert, log }) : null;

  let rolledUntil: number | null = null;
  let rolling: Promise<void> | null = null;
  const rollup = () => {
    rolling ??= (async () => {
      const newest = state.newestAt;
      if (!newest) return;
      // Re-roll the last bucket too: observations may have arrived late for it.
      const from = new Date(rolledUntil !== null ? rolledUntil - BUCKET_MS : newest.getTime() - RAW_RETENTION_MS);
      await store.rollup(from, newest);
      rolledUntil = Math.floor(newest.getTime() / BUCKET_MS) * BUCKET_MS;
      await store.prune(newest);
    })().finally(() => {
      rolling = null;
    });
    return rolling;
  };
  const timer = setInterval(() => {
    rollup().catch((err: unknown) => log(`rollup failed: ${err instanceof Error ? err.message : String(err)}`));
  }, opts.rollupIntervalMs ?? 30_000);
  timer.unref();

  const segmentParam = (raw: string) => {
    const id = parse(segmentIdSchema, decodeURIComponent(raw), 'segment id');
    if (!known.has(id)) throw new HttpError(404, 'unknown-segment', `no road segment "${id}"`);
    return id;
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://models');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const query = Object.fromEntries(url.searchParams);
    // Routes decode their path parameters; a broken escape (e.g. "%E0%A4%A") would throw a URIError there, a 500.
    try {
      decodeURIComponent(path);
    } catch {
      throw new HttpError(400, 'bad-request', `invalid path: malformed percent-encoding in ${path.slice(0, 200)}`, [{ path: 'path', message: 'malformed percent-encoding' }]);
    }
    const allow = (...methods: string[]) => {
      if (!methods.includes(method)) throw new HttpError(405, 'method-not-allowed', `${method} is not allowed on ${path}; use ${methods.join(' or ')}`);
    };

    if (path === '/health') {
      allow('GET');
      const range = await store.historyRange();
      const body: Health = {
        status: 'ok',
        store: store.kind,
        segments: known.size,
        lastObservationAt: state.newestAt?.toISOString() ?? null,
        historyFrom: range?.from.toISOString() ?? null,
        historyUntil: range?.until.toISOString() ?? null,
        ...(mqttIngest ? { mqtt: mqttIngest.status() } : {}),
      };
      return sendJson(res, 200, body);
    }
    if (path === '/ngsi-ld/v1/entityOperations/upsert') {
      allow('POST');
      const outcome = await upsert(await readJson(req));
      if (!outcome.ok) throw new HttpError(400, outcome.code, outcome.message, outcome.issues);
      return sendNoContent(res);
    }
    if (path === '/v1/city/basemap') {
      allow('GET', 'PUT');
      if (method === 'PUT') {
        const basemap = parse(basemapSchema, await readJson(req), 'basemap');
        await store.putAsset('basemap', JSON.stringify(basemap));
        return sendNoContent(res);
      }
      const body = await store.getAsset('basemap');
      if (body === null) throw new HttpError(404, 'not-found', 'no basemap has been registered yet');
      return sendRaw(res, 200, body);
    }
    if (path === '/v1/network') {
      allow('GET');
      const body: Network = { segments: await store.listSegments() };
      return sendJson(res, 200, body);
    }
    const stateMatch = /^\/v1\/state\/([^/]+)$/.exec(path);
    if (stateMatch) {
      allow('GET');
      const layer = parse(layerNameSchema, stateMatch[1], 'layer');
      if (layer === 'traffic') return sendRaw(res, 200, state.toJson());
      return sendRaw(res, 200, layerCaches.get(layer)?.toJson() ?? emptyLayer);
    }
    for (const d of domains) if (d.route && (await d.route({ req, res, path, method, query, allow }))) return;
    if (path === '/v1/ingest/traffic/history') {
      allow('POST');
      const block = parse(historyBackfillSchema, await readJson(req), 'history');
      const unknown = block.segmentIds.findIndex((id) => !known.has(id));
      if (unknown >= 0)
        throw new HttpError(400, 'unknown-segment', `invalid history: segmentIds[${unknown}]: unknown road segment ${block.segmentIds[unknown]}`, [
          { path: `segmentIds[${unknown}]`, message: `unknown road segment ${block.segmentIds[unknown]}` },
        ]);
      const rows = await store.insertHistory({ ...block, start: new Date(block.start) });
      log(`history: ${rows} five-minute rows from ${block.start}`);
      return sendNoContent(res);
    }
    let m = /^\/v1\/segments\/([^/]+)\/history$/.exec(path);
    if (m) {
      allow('GET');
      const id = segmentParam(m[1]);
      const { minutes } = parse(historyQuerySchema, query, 'query');
      const to = state.reading(id)?.at ?? now();
      const from = to - minutes * 60_000;
      const rows = await store.history(id, new Date(from), new Date(to));
      const body: SegmentHistory = {
        segmentId: id,
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        points: rows.map((r) => ({ t: r.bucket.toISOString(), speedKmh: Math.round(r.speedKmh * 10) / 10, flowVph: Math.round(r.flowVph) })),
      };
      return sendJson(res, 200, body);
    }
    m = /^\/v1\/forecasts\/traffic\/([^/]+)$/.exec(path);
    if (m) {
      allow('GET');
      const id = segmentParam(m[1]);
      const { minutes } = parse(forecastQuerySchema, query, 'query');
      const reading = state.reading(id);
      const madeAt = reading?.at ?? now();
      const rows = await store.history(id, new Date(madeAt - PROFILE_DAYS * 86_400_000), new Date(madeAt));
      const history = rows.map((r) => ({ t: r.bucket.getTime(), speedKmh: r.speedKmh }));
      return sendJson(res, 200, forecastSpeed({ segmentId: id, madeAt, currentKmh: reading?.speedKmh ?? null, minutes, history }));
    }
    throw new HttpError(404, 'not-found', `no route ${method} ${path}`);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (err instanceof HttpError) return sendError(res, err);
      // The store is down or restarting: nothing was written, and the sender should retry (not a 500 to ignore).
      if (isStoreUnavailable(err)) {
        log(`store unavailable on ${req.method} ${req.url}: ${err instanceof Error ? err.message : String(err)}`);
        return sendError(res, new HttpError(503, 'store-unavailable', 'the store is unavailable; nothing was written, retry later'));
      }
      log(`error on ${req.method} ${req.url}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      sendError(res, new HttpError(500, 'internal', 'internal error; see the model services log'));
    });
  });

  return {
    server,
    state,
    domains,
    mqtt: mqttIngest,
    rollup,
    close: async () => {
      clearInterval(timer);
      await rolling;
      await mqttIngest?.close();
      for (const d of domains) await d.close?.();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
