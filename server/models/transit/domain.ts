import { createHash } from 'node:crypto';
import { loadConfig, transitFeedUrls } from '@/lib/config';
import { decodeGtfsRt, type GtfsRtFeed } from '@/lib/gtfs/realtime';
import { GtfsSchedule } from '@/lib/gtfs/schedule';
import { validateGtfs } from '@/lib/gtfs/validate';
import { parseGtfsZip } from '@/lib/gtfs/zip';
import { arrivalsQuerySchema, type TransitAlert, type TransitFeedStatus, type TransitNetwork, type TransitStatus } from '@/lib/protocol/transit';
import { issuesOf, ValidationError } from '@/lib/validation';
import type { DomainDeps, ModelsDomain } from '../domain';
import { HttpError, sendJson, sendRaw } from '../http';
import { LayerCache } from '../layer-cache';
import { ArrivalTracker, saveArrivals } from './arrivals';
import { latestFeed, saveFeed } from './feed-store';
import { DelayTrends } from './predict';
import { buildNetwork } from './network';
import { routeTimetable } from './timetable';
import { alertsFrom, arrivalsAt, predictionsFrom, vehiclesFrom, type TripPrediction } from './realtime';

export interface TransitSources {
  gtfs: string;
  vehiclePositions: string;
  tripUpdates: string;
  alerts: string;
  pollMs: number;
  /** Longest wait between attempts to fetch the static feed while it fails. */
  maxRetryMs?: number;
  /** How often a loaded static feed is checked for a new version. */
  refreshMs?: number;
}

const MAX_ZIP_BYTES = 512 * 1024 * 1024;
const MAX_RT_BYTES = 64 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 30_000;

/** A feed the ingest refused: why, in one line. */
class Refused extends Error {}

async function fetchBytes(url: string, maxBytes: number, signal: AbortSignal): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(FETCH_TIMEOUT_MS)]) });
  } catch (err) {
    throw new Refused(`cannot fetch ${url}: ${err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err)}`);
  }
  if (!res.ok) throw new Refused(`${url} answered ${res.status}`);
  if (Number(res.headers.get('content-length') ?? 0) > maxBytes) throw new Refused(`${url} is larger than ${maxBytes} bytes`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.byteLength > maxBytes) throw new Refused(`${url} is larger than ${maxBytes} bytes`);
  return bytes;
}

const describe = (err: unknown) => (err instanceof ValidationError ? err.message.slice(0, 500) : err instanceof Error ? err.message : String(err));

interface Loaded {
  network: TransitNetwork;
  networkJson: string;
  schedule: GtfsSchedule;
  stops: Map<string, string>;
  sha256: string;
  counts: { routes: number; stops: number; trips: number };
  source: string;
}

/**
 * Transit in the model services: GTFS static from a URL (validated, kept in the store so a restart
 * without the source still knows the network), and GTFS-Realtime polled from three URLs into the
 * `transit` layer, stop arrivals and service alerts. Fetching never blocks the rest of the API; a
 * malformed feed is refused with its reason and counted, and changes nothing.
 */
export async function createTransitModelsWith(deps: DomainDeps, sources: TransitSources): Promise<ModelsDomain & { ready: () => Promise<void>; status: () => TransitStatus }> {
  const { store, log, now } = deps;
  const layer = new LayerCache('transit');
  const abort = new AbortController();
  const timers = new Set<NodeJS.Timeout>();
  const feedStatus = (url: string): TransitFeedStatus => ({ url, lastOkAt: null, feedTime: null, accepted: 0, refused: 0, lastError: null });
  const status: TransitStatus = {
    static: { ...feedStatus(sources.gtfs), routes: null, stops: null, trips: null },
    vehiclePositions: feedStatus(sources.vehiclePositions),
    tripUpdates: feedStatus(sources.tripUpdates),
    alerts: feedStatus(sources.alerts),
  };
  let loaded: Loaded | null = null;
  let predictions = new Map<string, TripPrediction>();
  /** How fast each route's buses lose time, learnt from successive TripUpdates (arrival predictions). */
  const trends = new DelayTrends();
  let alerts: TransitAlert[] = [];
  let alertsAsOf: number | null = null;
  /** Time of the newest real-time feed: the clock arrivals count from (a twin may run fast). */
  let feedNow: number | null = null;
  /** Observed stop arrivals for the transit KPIs, from successive feeds. */
  const arrivalTracker = new ArrivalTracker();

  const refuse = (s: TransitFeedStatus, reason: string) => {
    if (s.lastError !== reason) log(`transit: refused ${s.url}: ${reason}`);
    s.refused++;
    s.lastError = reason;
  };
  const accept = (s: TransitFeedStatus, feedTimeMs: number | null) => {
    if (s.lastError !== null && s.accepted > 0) log(`transit: ${s.url} accepted again`);
    s.accepted++;
    s.lastError = null;
    s.lastOkAt = new Date(now()).toISOString();
    s.feedTime = feedTimeMs === null ? null : new Date(feedTimeMs).toISOString();
  };

  /** Parse, validate and index a zip; throws Refused with the first problems. */
  const load = (zip: Uint8Array, source: string): Loaded => {
    const feed = parseGtfsZip(zip);
    const errors = validateGtfs(feed).filter((p) => p.severity === 'error');
    if (errors.length)
      throw new Refused(`invalid GTFS feed: ${errors.slice(0, 3).map((p) => `${p.file}${p.row ? ` row ${p.row}` : ''}${p.field ? ` ${p.field}` : ''}: ${p.message}`).join('; ')}`);
    const network = buildNetwork(feed);
    return {
      network,
      networkJson: JSON.stringify(network),
      schedule: new GtfsSchedule(feed),
      stops: new Map(network.stops.map((s) => [s.id, s.name])),
      sha256: createHash('sha256').update(zip).digest('hex'),
      counts: { routes: feed.routes.length, stops: feed.stops.length, trips: feed.trips.length },
      source,
    };
  };
  const adopt = (l: Loaded) => {
    loaded = l;
    Object.assign(status.static, l.counts);
  };

  // What the store holds first: the network is known at once, even with the source down.
  try {
    const stored = await latestFeed(store.db);
    if (stored) {
      adopt(load(stored.zip, stored.url));
      status.static.lastOkAt = stored.fetchedAt.toISOString();
      log(`transit: network from the store (${stored.routes} routes, ${stored.stops} stops), fetched ${stored.fetchedAt.toISOString()} from ${stored.url}`);
    }
  } catch (err) {
    log(`transit: the stored GTFS feed could not be used (${describe(err)}); waiting for ${sources.gtfs}`);
  }

  const fetchStatic = async (): Promise<boolean> => {
    try {
      const zip = await fetchBytes(sources.gtfs, MAX_ZIP_BYTES, abort.signal);
      const sha = createHash('sha256').update(zip).digest('hex');
      if (loaded?.sha256 === sha) {
        accept(status.static, null);
        return true;
      }
      let next: Loaded;
      try {
        next = load(zip, sources.gtfs);
      } catch (err) {
        throw err instanceof Refused ? err : new Refused(describe(err));
      }
      if (abort.signal.aborted) return false;
      await store.transaction((tx) => saveFeed(tx, { url: sources.gtfs, sha256: sha, zip, ...next.counts, fetchedAt: new Date(now()) }));
      adopt(next);
      accept(status.static, null);
      log(`transit: GTFS feed loaded from ${sources.gtfs}: ${next.counts.routes} routes, ${next.counts.stops} stops, ${next.counts.trips} trips`);
      return true;
    } catch (err) {
      if (abort.signal.aborted) return false;
      refuse(status.static, err instanceof Refused ? err.message : describe(err));
      return false;
    }
  };

  const later = (fn: () => void, ms: number) => {
    if (abort.signal.aborted) return;
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    t.unref();
    timers.add(t);
  };

  let firstLoad: Promise<void>;
  {
    let resolveFirst: () => void = () => undefined;
    firstLoad = new Promise<void>((r) => (resolveFirst = r));
    let failures = 0;
    const staticLoop = () => {
      void fetchStatic().then((ok) => {
        if (ok) resolveFirst();
        failures = ok ? 0 : failures + 1;
        const wait = ok ? (sources.refreshMs ?? 3600_000) : Math.min(sources.maxRetryMs ?? 15_000, 1000 * 2 ** Math.min(failures - 1, 10));
        later(staticLoop, wait);
      });
    };
    staticLoop();
  }

  /** Fetch and decode one real-time feed; null (counted, with its reason) when refused. */
  const fetchRt = async (s: TransitFeedStatus): Promise<GtfsRtFeed | null> => {
    try {
      const feed = decodeGtfsRt(await fetchBytes(s.url, MAX_RT_BYTES, abort.signal));
      return feed;
    } catch (err) {
      if (!abort.signal.aborted) refuse(s, err instanceof ValidationError ? `${err.message.slice(0, 300)}` : describe(err));
      return null;
    }
  };

  let polling = false;
  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      const [vp, tu, al] = await Promise.all([fetchRt(status.vehiclePositions), fetchRt(status.tripUpdates), fetchRt(status.alerts)]);
      const time = (f: GtfsRtFeed) => (f.header.timestamp !== undefined ? f.header.timestamp * 1000 : now());
      if (tu) {
        predictions = predictionsFrom(tu, now());
        for (const p of predictions.values()) {
          const routeId = loaded?.schedule.trip(p.tripId)?.routeId;
          if (routeId && p.delayS !== null) trends.observe(p.tripId, routeId, p.delayS, p.observedAtMs);
        }
        trends.forget(time(tu) - 3600_000);
        arrivalTracker.notePredictions(predictions.values());
        accept(status.tripUpdates, time(tu));
        feedNow = Math.max(feedNow ?? 0, time(tu));
      }
      if (al) {
        alerts = alertsFrom(al);
        alertsAsOf = time(al);
        accept(status.alerts, time(al));
      }
      if (vp) {
        const t = time(vp);
        feedNow = Math.max(feedNow ?? 0, t);
        const { items } = vehiclesFrom(vp, loaded?.schedule ?? null, predictions, (id) => layer.get(id), t);
        const source = `${loaded?.network.agency || 'transit'} (GTFS-Realtime)`;
        if (vp.header.incrementality !== 'DIFFERENTIAL') for (const id of layer.ids()) if (!items.has(id)) layer.delete(id);
        for (const [id, { item, atMs }] of items) layer.set(id, item, atMs, source);
        layer.touch(t, source);
        accept(status.vehiclePositions, t);
        // Observed arrivals for the transit KPIs; a store hiccup loses some, never the live layer.
        if (loaded) await saveArrivals(store.db, arrivalTracker.observe(vp, loaded.schedule, t)).catch((err: unknown) => log(`transit: arrivals not stored: ${describe(err)}`));
      }
    } finally {
      polling = false;
    }
  };
  const pollLoop = () => {
    void poll().finally(() => later(pollLoop, sources.pollMs));
  };
  pollLoop();

  const requireLoaded = (): Loaded => {
    if (!loaded) throw new HttpError(503, 'transit-not-ready', `no GTFS feed loaded yet from ${sources.gtfs}${status.static.lastError ? ` (${status.static.lastError})` : ''}`);
    return loaded;
  };

  return {
    name: 'transit',
    layers: [layer],
    ready: () => firstLoad,
    status: () => structuredClone(status),
    route: async ({ res, path, query, allow }) => {
      if (path === '/v1/transit/network') {
        allow('GET');
        sendRaw(res, 200, requireLoaded().networkJson);
        return true;
      }
      if (path === '/v1/transit/alerts') {
        allow('GET');
        sendJson(res, 200, { asOf: alertsAsOf === null ? null : new Date(alertsAsOf).toISOString(), alerts });
        return true;
      }
      if (path === '/v1/transit/status') {
        allow('GET');
        sendJson(res, 200, status);
        return true;
      }
      const tt = /^\/v1\/transit\/routes\/([^/]+)\/timetable$/.exec(path);
      if (tt) {
        allow('GET');
        const l = requireLoaded();
        const id = decodeURIComponent(tt[1]);
        if (!l.network.routes.some((r) => r.id === id)) throw new HttpError(404, 'unknown-route', `no route "${id}" in the GTFS feed`);
        sendJson(res, 200, routeTimetable(l.schedule, id, l.stops, feedNow ?? now()));
        return true;
      }
      const m = /^\/v1\/transit\/stops\/([^/]+)\/arrivals$/.exec(path);
      if (m) {
        allow('GET');
        const l = requireLoaded();
        const id = decodeURIComponent(m[1]);
        const name = l.stops.get(id);
        if (name === undefined) throw new HttpError(404, 'unknown-stop', `no stop "${id}" in the GTFS feed`);
        const q = arrivalsQuerySchema.safeParse(query);
        if (!q.success) {
          const issues = issuesOf(q.error);
          throw new HttpError(400, 'bad-request', `invalid query: ${issues[0]?.path}: ${issues[0]?.message}`, issues);
        }
        sendJson(res, 200, arrivalsAt(l.schedule, { id, name }, predictions, feedNow ?? now(), q.data, trends));
        return true;
      }
      return false;
    },
    close: async () => {
      abort.abort();
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}

/** The registered factory: sources from the environment (lib/config.ts), the twin's feeds by default. */
export async function createTransitModels(deps: DomainDeps): Promise<ModelsDomain> {
  const config = loadConfig();
  return createTransitModelsWith(deps, { ...transitFeedUrls(config), pollMs: config.TRANSIT_POLL_MS });
}
