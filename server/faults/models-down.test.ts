import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freshnessSchema, snapshotAckSchema, type Freshness, type LayerSnapshot } from '@/lib/protocol/socket';
import { createModelsServer, type ModelsServer } from '../models/app';
import { flowEntity, roadSegmentEntity, upsertEntities } from '../models/test-server';
import { openPglite } from '../store/pglite';
import { Store } from '../store/store';
import { connectClient, connected, memoryAuthStore, sessionFor, startGateway, until } from '../realtime/test-stack';

/**
 * The model services stop for 10 s (the behaviour of a minute, with the poll interval lowered to
 * 500 ms) and come back on the same port. They run in this process on a port of their own, closed
 * and opened again over the same store: the gateway only sees an HTTP server vanish and return.
 */
const POLL_MS = 500;

const trafficSpeed = (snap: LayerSnapshot) => (snap.layer === 'traffic' ? snap.items.s00001?.speedKmh : undefined);
const OUTAGE_MS = 10_000;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function listen(store: Store, port = 0): Promise<ModelsServer> {
  const models = await createModelsServer({ store, log: () => undefined });
  await new Promise<void>((resolve, reject) => {
    models.server.once('error', reject);
    models.server.listen(port, '127.0.0.1', resolve);
  });
  return models;
}

describe('the gateway while the model services are down', () => {
  it(
    'marks the layer stale within a poll interval and a second, keeps serving the last state, and is live again within 5 s of their return',
    { timeout: 60_000 },
    async () => {
      const store = await Store.open(await openPglite());
      let models = await listen(store);
      const port = (models.server.address() as AddressInfo).port;
      const url = `http://127.0.0.1:${port}`;
      cleanups.push(async () => {
        await models.close();
        await store.close();
      });
      await upsertEntities(url, [roadSegmentEntity('s00001')]);
      // The field keeps reporting, as the twin does; while the services are down its sends fail.
      let speed = 40;
      const feeder = setInterval(() => {
        void upsertEntities(url, [flowEntity('s00001', new Date().toISOString(), speed)]).catch(() => undefined);
      }, 200);
      cleanups.push(async () => clearInterval(feeder));

      const auth = await memoryAuthStore();
      cleanups.push(() => auth.close());
      const gw = await startGateway(url, auth, { pollIntervalMs: POLL_MS, staleAfterMs: 3000 });
      cleanups.push(gw.stop);
      const token = await sessionFor(auth, 'operator');
      const client = connectClient(gw.url, '/ops', token);
      cleanups.push(async () => void client.disconnect());
      await connected(client);
      const heard: Array<{ at: number; f: Freshness }> = [];
      client.on('freshness', (raw) => heard.push({ at: Date.now(), f: freshnessSchema.parse(raw) }));
      snapshotAckSchema.parse(await client.timeout(5000).emitWithAck('subscribe', { layer: 'traffic' }));
      await until('the layer is live', () => heard.some((h) => !h.f.stale), 5000);

      await models.close();
      const downAt = Date.now();
      await until('a stale heartbeat', () => heard.some((h) => h.at > downAt && h.f.stale), POLL_MS + 1000 + 1000);
      const firstStale = heard.find((h) => h.at > downAt && h.f.stale);
      expect(firstStale?.f.reason).toBe('model-services-unreachable');
      expect((firstStale?.at ?? Infinity) - downAt).toBeLessThanOrEqual(POLL_MS + 1000);

      await new Promise((r) => setTimeout(r, OUTAGE_MS));
      // Still up, still serving the last good state (marked stale) to a screen that opens now.
      const late = connectClient(gw.url, '/ops', token);
      cleanups.push(async () => void late.disconnect());
      await connected(late);
      const ack = snapshotAckSchema.parse(await late.timeout(5000).emitWithAck('subscribe', { layer: 'traffic' }));
      if (!ack.ok || ack.snapshot.layer !== 'traffic') throw new Error('no traffic snapshot during the outage');
      expect(ack.snapshot.items.s00001?.speedKmh).toBe(40);
      expect(ack.freshness).toMatchObject({ stale: true, reason: 'model-services-unreachable' });
      // Every heartbeat of the outage said stale: no flapping back to live on old data.
      expect(heard.filter((h) => h.at > (firstStale?.at ?? 0)).every((h) => h.f.stale)).toBe(true);

      speed = 25;
      models = await listen(store, port);
      const backAt = Date.now();
      await until('a live heartbeat after the return', () => heard.some((h) => h.at > backAt && !h.f.stale), 5000);
      await until('the new reading reaches the gateway', () => trafficSpeed(gw.gateway.snapshot('traffic')) === 25, 5000 - (Date.now() - backAt));
      console.log(`[models-down] stale after ${(firstStale?.at ?? 0) - downAt} ms; live again after ${Date.now() - backAt} ms`);
    },
  );
});
