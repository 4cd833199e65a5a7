import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeGtfsRt, type GtfsRtFeed } from '@/lib/gtfs/realtime';
import { tinyFeed } from '@/lib/gtfs/test-feed';
import { writeGtfsZip } from '@/lib/gtfs/zip';
import { layerStateSchemaOf } from '@/lib/protocol/layers';
import { stopArrivalsSchema, transitAlertsSchema, transitNetworkSchema, transitStatusSchema } from '@/lib/protocol/transit';
import { openPglite } from '../../store/pglite';
import { Store } from '../../store/store';
import type { ModelsDomain } from '../domain';
import { HttpError, sendError } from '../http';
import { createTransitModelsWith } from './domain';

const AT = Date.parse('2026-01-05T08:01:00Z') / 1000;
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** A stand-in transit agency on loopback: its files can be swapped for broken ones mid-test. */
async function agency(files: Record<string, Uint8Array | string>): Promise<{ url: (p: string) => string; files: typeof files }> {
  const server = createServer((req, res) => {
    const body = files[req.url ?? ''];
    if (body === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanup.push(() => new Promise((r) => server.close(() => r())));
  const port = (server.address() as AddressInfo).port;
  return { url: (p) => `http://127.0.0.1:${port}${p}`, files };
}

/** The domain's routes on a loopback server, answering errors as the model services do. */
async function serveDomain(domain: ModelsDomain): Promise<string> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const method = req.method ?? 'GET';
    const allow = (...m: string[]) => {
      if (!m.includes(method)) throw new HttpError(405, 'method-not-allowed', 'no');
    };
    domain
      .route?.({ req, res, path: url.pathname, method, query: Object.fromEntries(url.searchParams), allow })
      .then((handled) => (handled ? undefined : sendError(res, new HttpError(404, 'not-found', 'no route'))))
      .catch((err: unknown) => sendError(res, err instanceof HttpError ? err : new HttpError(500, 'internal', String(err))));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanup.push(() => new Promise((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const vehicles = (): GtfsRtFeed => ({
  header: { gtfsRealtimeVersion: '2.0', incrementality: 'FULL_DATASET', timestamp: AT },
  entity: [
    {
      id: 'e1',
      vehicle: {
        trip: { tripId: 'T1', routeId: 'R1' },
        vehicle: { id: 'BUS-7' },
        position: { latitude: 51.505, longitude: 9.905, bearing: 45, speed: 5 },
        stopId: 'S2',
        currentStatus: 'IN_TRANSIT_TO',
        timestamp: AT,
      },
    },
    // A vehicle with no trip (out of service) is not on the layer.
    { id: 'e2', vehicle: { vehicle: { id: 'DEPOT-1' }, position: { latitude: 51.5, longitude: 9.9 }, timestamp: AT } },
  ],
});
const tripUpdates = (): GtfsRtFeed => ({
  header: { gtfsRealtimeVersion: '2.0', incrementality: 'FULL_DATASET', timestamp: AT },
  entity: [{ id: 'u1', tripUpdate: { trip: { tripId: 'T1' }, vehicle: { id: 'BUS-7' }, delay: 120, stopTimeUpdate: [{ stopSequence: 2, arrival: { delay: 120 } }] } }],
});
const alerts = (): GtfsRtFeed => ({
  header: { gtfsRealtimeVersion: '2.0', incrementality: 'FULL_DATASET', timestamp: AT },
  entity: [
    {
      id: 'a1',
      alert: {
        informedEntity: [{ routeId: 'R1' }],
        cause: 'CONSTRUCTION',
        effect: 'DETOUR',
        severityLevel: 'WARNING',
        headerText: { translation: [{ text: 'Route 1 diverted', language: 'en' }, { text: '1路绕行', language: 'zh-CN' }] },
        activePeriod: [{ start: AT - 600 }],
      },
    },
  ],
});

async function setup(opts: { files?: Record<string, Uint8Array | string>; store?: Store } = {}) {
  const src = await agency(
    opts.files ?? {
      '/gtfs.zip': writeGtfsZip(tinyFeed()),
      '/vp.pb': encodeGtfsRt(vehicles()),
      '/tu.pb': encodeGtfsRt(tripUpdates()),
      '/al.pb': encodeGtfsRt(alerts()),
    },
  );
  const store = opts.store ?? (await Store.open(await openPglite()));
  if (!opts.store) cleanup.push(() => store.close());
  const domain = await createTransitModelsWith(
    { store, log: () => undefined, now: () => AT * 1000 },
    { gtfs: src.url('/gtfs.zip'), vehiclePositions: src.url('/vp.pb'), tripUpdates: src.url('/tu.pb'), alerts: src.url('/al.pb'), pollMs: 100, maxRetryMs: 100 },
  );
  cleanup.push(() => domain.close?.() ?? Promise.resolve());
  return { src, store, domain, base: await serveDomain(domain) };
}

const until = async (what: string, check: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};
const getJson = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as unknown };
};

describe('transit ingest in the model services', () => {
  it('loads the network from the GTFS URL', async () => {
    const { domain, base } = await setup();
    await domain.ready();
    const net = transitNetworkSchema.parse((await getJson(`${base}/v1/transit/network`)).body);
    expect(net.agency).toBe('Test Transit');
    expect(net.routes).toEqual([{ id: 'R1', shortName: '1', longName: 'Mill Street – Church Road', color: 'D62728', textColor: 'FFFFFF' }]);
    expect(net.shapes[0]).toMatchObject({ id: 'SH1', routeId: 'R1' });
    expect(net.stops.map((s) => s.id)).toEqual(['S1', 'S2', 'S3']);
  });

  it('answers 503 naming the problem while no feed has loaded, without waiting for it', async () => {
    const { base } = await setup({ files: {} });
    const { status, body } = await getJson(`${base}/v1/transit/network`);
    expect(status).toBe(503);
    expect(JSON.stringify(body)).toContain('no GTFS feed loaded yet');
  });

  it('refuses an invalid GTFS feed with its reason, counts it and keeps nothing of it', async () => {
    const broken = tinyFeed();
    broken.stopTimes[2].arrival_time = 7 * 3600;
    const { domain, base } = await setup({ files: { '/gtfs.zip': writeGtfsZip(broken) } });
    await until('a refusal', () => domain.status().static.refused >= 2);
    const status = transitStatusSchema.parse((await getJson(`${base}/v1/transit/status`)).body);
    expect(status.static.lastError).toMatch(/stop_times\.txt row 3 arrival_time: .*back in time/);
    expect(status.static.accepted).toBe(0);
    expect((await fetch(`${base}/v1/transit/network`)).status).toBe(503);
  });

  it('knows the network after a restart with the source gone, from the store', async () => {
    const store = await Store.open(await openPglite());
    cleanup.push(() => store.close());
    const first = await setup({ store });
    await first.domain.ready();
    await first.domain.close?.();
    const again = await setup({ store, files: {} });
    const net = transitNetworkSchema.parse((await getJson(`${again.base}/v1/transit/network`)).body);
    expect(net.routes.map((r) => r.id)).toEqual(['R1']);
  });

  it('puts every bus on a trip on the transit layer, with its delay from the TripUpdates', async () => {
    const { domain } = await setup();
    await domain.ready();
    const layer = domain.layers[0];
    await until('a vehicle', () => layer.size > 0 && domain.status().tripUpdates.accepted > 0 && domain.status().vehiclePositions.accepted > 1);
    const state = layerStateSchemaOf('transit').parse(JSON.parse(layer.toJson()));
    expect(Object.keys(state.items)).toEqual(['BUS-7']);
    expect(state.items['BUS-7']).toMatchObject({ routeId: 'R1', tripId: 'T1', bearing: 45, speedKmh: 18, delayS: 120, nextStopId: 'S2', status: 'IN_TRANSIT_TO' });
    expect(state.asOf).toBe(new Date(AT * 1000).toISOString());
  });

  it('refuses a malformed VehiclePositions feed, counts it and leaves the layer as it was', async () => {
    const { domain, src } = await setup();
    await domain.ready();
    await until('a vehicle', () => domain.layers[0].size > 0);
    const before = domain.layers[0].toJson();
    src.files['/vp.pb'] = '<html>502 Bad Gateway</html>';
    const refused = domain.status().vehiclePositions.refused;
    await until('a refusal', () => domain.status().vehiclePositions.refused > refused);
    expect(domain.status().vehiclePositions.lastError).toMatch(/invalid GTFS-Realtime feed/);
    expect(domain.layers[0].toJson()).toBe(before);
  });

  it('predicts arrivals at a stop from the trip’s delay, carried to later stops', async () => {
    const { domain, base } = await setup();
    await domain.ready();
    await until('trip updates', () => domain.status().tripUpdates.accepted > 0);
    const body = stopArrivalsSchema.parse((await getJson(`${base}/v1/transit/stops/S3/arrivals?minutes=60`)).body);
    expect(body.asOf).toBe('2026-01-05T08:01:00.000Z');
    expect(body.arrivals).toEqual([
      { tripId: 'T1', routeId: 'R1', headsign: 'Church Road', scheduledAt: '2026-01-05T08:05:00.000Z', predictedAt: '2026-01-05T08:07:00.000Z', delayS: 120, vehicleId: 'BUS-7' },
    ]);
  });

  it('answers 404 for a stop the feed does not have, and 400 for a bad query', async () => {
    const { domain, base } = await setup();
    await domain.ready();
    expect((await fetch(`${base}/v1/transit/stops/NOPE/arrivals`)).status).toBe(404);
    expect((await fetch(`${base}/v1/transit/stops/S1/arrivals?limit=0`)).status).toBe(400);
  });

  it('lists the service alerts with the routes they concern, in every language the feed gives', async () => {
    const { domain, base } = await setup();
    await until('alerts', () => domain.status().alerts.accepted > 0);
    const body = transitAlertsSchema.parse((await getJson(`${base}/v1/transit/alerts`)).body);
    expect(body.alerts).toEqual([
      {
        id: 'a1',
        cause: 'CONSTRUCTION',
        effect: 'DETOUR',
        severity: 'warning',
        header: 'Route 1 diverted',
        description: '',
        translations: { en: { header: 'Route 1 diverted', description: '' }, 'zh-CN': { header: '1路绕行', description: '' } },
        routeIds: ['R1'],
        stopIds: [],
        tripIds: [],
        activeFrom: '2026-01-05T07:51:00.000Z',
        activeUntil: null,
      },
    ]);
  });
});
