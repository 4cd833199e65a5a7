import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeGtfsRt, type GtfsRtFeed } from '@/lib/gtfs/realtime';
import { tinyFeed } from '@/lib/gtfs/test-feed';
import { writeGtfsZip } from '@/lib/gtfs/zip';
import { routeTimetableSchema, stopArrivalsSchema, transitAlertsSchema, transitNetworkSchema } from '@/lib/protocol/transit';
import { HttpError, sendError } from '@/server/models/http';
import { createTransitModelsWith } from '@/server/models/transit/domain';
import { openPglite } from '@/server/store/pglite';
import { Store } from '@/server/store/store';
import { GET as alerts } from './alerts/route';
import { GET as network } from './network/route';
import { GET as routeTimetable } from './routes/[id]/timetable/route';
import { GET as stopArrivals } from './stops/[id]/arrivals/route';

// Monday 2026-01-05 08:01 UTC: trip T1 of route R1 is between S1 and S2.
const AT = Date.parse('2026-01-05T08:01:00Z') / 1000;
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  delete process.env.MODELS_URL;
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const empty = (): GtfsRtFeed => ({ header: { gtfsRealtimeVersion: '2.0', incrementality: 'FULL_DATASET', timestamp: AT }, entity: [] });

async function listen(server: ReturnType<typeof createServer>): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanup.push(() => new Promise((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Real transit model services on loopback, fed by a stand-in agency, behind MODELS_URL. */
async function start() {
  const files: Record<string, Uint8Array> = { '/gtfs.zip': writeGtfsZip(tinyFeed()), '/rt.pb': encodeGtfsRt(empty()) };
  const agency = await listen(createServer((req, res) => (files[req.url ?? ''] ? res.writeHead(200).end(files[req.url ?? '']) : res.writeHead(404).end())));
  const store = await Store.open(await openPglite());
  cleanup.push(() => store.close());
  const rt = `${agency}/rt.pb`;
  const domain = await createTransitModelsWith({ store, log: () => undefined, now: () => AT * 1000 }, { gtfs: `${agency}/gtfs.zip`, vehiclePositions: rt, tripUpdates: rt, alerts: rt, pollMs: 100, maxRetryMs: 100 });
  cleanup.push(() => domain.close?.() ?? Promise.resolve());
  await domain.ready();
  process.env.MODELS_URL = await listen(
    createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const method = req.method ?? 'GET';
      const allow = (...m: string[]) => {
        if (!m.includes(method)) throw new HttpError(405, 'method-not-allowed', 'no');
      };
      domain
        .route?.({ req, res, path: url.pathname, method, query: Object.fromEntries(url.searchParams), allow })
        .then((handled) => (handled ? undefined : sendError(res, new HttpError(404, 'not-found', 'no route'))))
        .catch((err: unknown) => sendError(res, err instanceof HttpError ? err : new HttpError(500, 'internal', String(err))));
    }),
  );
}

const req = (path: string) => new Request(`http://localhost${path}`);
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

describe('the public transit API routes', () => {
  it('give the network of routes and stops', async () => {
    await start();
    const res = await network();
    expect(res.status).toBe(200);
    expect(transitNetworkSchema.parse(await res.json()).stops.map((s) => s.id)).toEqual(['S1', 'S2', 'S3']);
  });

  it('give the service alerts, none when the feed has none', async () => {
    await start();
    const res = await alerts();
    expect(res.status).toBe(200);
    expect(transitAlertsSchema.parse(await res.json()).alerts).toEqual([]);
  });

  it('give a stop’s next arrivals from the timetable', async () => {
    await start();
    const res = await stopArrivals(req('/api/transit/stops/S2/arrivals?minutes=60'), ctx('S2'));
    expect(res.status).toBe(200);
    expect(stopArrivalsSchema.parse(await res.json()).arrivals.map((a) => a.tripId)).toEqual(['T1']);
  });

  it('refuse an arrivals query out of range, naming the field, without asking the model services', async () => {
    const res = await stopArrivals(req('/api/transit/stops/S2/arrivals?minutes=0'), ctx('S2'));
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('minutes');
  });

  it('pass on a 404 for a stop the feed does not have', async () => {
    await start();
    expect((await stopArrivals(req('/api/transit/stops/NOPE/arrivals'), ctx('NOPE'))).status).toBe(404);
  });

  it('give a route’s timetable for today with each stop’s departures', async () => {
    await start();
    const res = await routeTimetable(req('/api/transit/routes/R1/timetable'), ctx('R1'));
    expect(res.status).toBe(200);
    const t = routeTimetableSchema.parse(await res.json());
    expect(t.serviceDate).toBe('20260105');
    expect(t.directions[0].stops.find((s) => s.stopId === 'S2')?.departures).toEqual(['2026-01-05T08:02:20.000Z']);
  });

  it('pass on a 404 for a route the feed does not have', async () => {
    await start();
    expect((await routeTimetable(req('/api/transit/routes/R9/timetable'), ctx('R9'))).status).toBe(404);
  });

  it('refuse a route id that is too long without asking the model services', async () => {
    const res = await routeTimetable(req('/api/transit/routes/x/timetable'), ctx('x'.repeat(200)));
    expect(res.status).toBe(400);
  });
});
