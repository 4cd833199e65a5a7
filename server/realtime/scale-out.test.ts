import { createServer as createTcpServer, connect, type Server as TcpServer, type Socket as TcpSocket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { QueryClient } from '@tanstack/react-query';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { layerDeltaSchema, snapshotAckSchema, type LayerSnapshot } from '@/lib/protocol/socket';
import { liveKeys } from '@/components/live/keys';
import { zodChecks } from '@/components/live/zod-checks';
import { createLiveSync } from '@/components/live/live-sync';
import { flowEntity } from '../models/test-server';
import type { GatewayRedis } from './gateway';
import { connectClient, connected, memoryAuthStore, sessionFor, startGateway, startSeededModels, until, upsert, type Client } from './test-stack';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisReachable(): Promise<string | null> {
  const c = createClient({ url: REDIS_URL, socket: { connectTimeout: 2000, reconnectStrategy: false } });
  c.on('error', () => undefined);
  try {
    await c.connect();
    await c.ping();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await c.quit().catch(() => undefined);
  }
}
const redisDown = await redisReachable();
if (redisDown && process.env.CI === 'true') throw new Error(`Redis is required in CI (${REDIS_URL}): ${redisDown}`);
if (redisDown) console.log(`[scale-out.test] Redis unreachable at ${REDIS_URL}, skipped: ${redisDown}`);

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function redisClient() {
  const c = createClient({ url: REDIS_URL });
  c.on('error', () => undefined);
  await c.connect();
  cleanups.push(async () => void (await c.quit()));
  return c;
}

/** "One URL" in front of several gateways: each connection goes to the first gateway that accepts it. */
async function frontDoor(ports: () => number[]): Promise<{ url: string; close: () => Promise<void> }> {
  const open = new Set<TcpSocket>();
  const server: TcpServer = createTcpServer((inbound) => {
    open.add(inbound);
    inbound.on('close', () => open.delete(inbound));
    inbound.pause();
    const tryPort = (i: number) => {
      const list = ports();
      if (i >= list.length) return inbound.destroy();
      const out = connect(list[i], '127.0.0.1');
      out.once('error', () => tryPort(i + 1));
      out.once('connect', () => {
        open.add(out);
        out.on('close', () => {
          open.delete(out);
          inbound.destroy();
        });
        inbound.on('close', () => out.destroy());
        inbound.pipe(out).pipe(inbound);
        inbound.resume();
      });
    };
    tryPort(0);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      for (const s of open) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

describe('two gateways sharing one Redis', () => {
  it.skipIf(redisDown !== null)(
    'deliver the same deltas to clients on each, and a client of a stopped gateway reconnects to the other with no lost state',
    { timeout: 120_000 },
    async () => {
      const models = await startSeededModels();
      cleanups.push(() => models.stop());
      const auth = await memoryAuthStore();
      cleanups.push(() => auth.close());
      const redisPrefix = `polis-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
      const shared = { redisPrefix, leaderTtlMs: 900, pollIntervalMs: 150 };

      const gw1 = await startGateway(models.url, auth, { ...shared, redis: (await redisClient()) as unknown as GatewayRedis });
      await until('gateway 1 elected', () => gw1.gateway.isLeader());
      const gw2 = await startGateway(models.url, auth, { ...shared, redis: (await redisClient()) as unknown as GatewayRedis });
      let gw1Stopped = false;
      cleanups.push(async () => {
        if (!gw1Stopped) await gw1.stop();
      });
      cleanups.push(gw2.stop);
      await until('gateway 2 has the snapshot', () => gw2.gateway.snapshot('traffic').version > 0);
      // Only one poller.
      expect(gw2.gateway.isLeader()).toBe(false);

      const port = (u: string) => Number(new URL(u).port);
      const door = await frontDoor(() => [port(gw1.url), port(gw2.url)]);
      cleanups.push(door.close);
      const token = await sessionFor(auth, 'operator');

      // Client A comes through the front door (to gateway 1) and keeps its state with the browser's own sync.
      const queryClient = new QueryClient();
      const a: Client = connectClient(door.url, '/ops', token, { reconnection: true, reconnectionDelay: 100, reconnectionDelayMax: 300 });
      cleanups.push(async () => void a.disconnect());
      const sync = createLiveSync({
        queryClient,
        layer: 'traffic',
        checks: zodChecks,
        retryMs: 100,
        warn: () => undefined,
        requests: {
          subscribe: (layer) => a.timeout(3000).emitWithAck('subscribe', { layer }),
          snapshot: (layer) => a.timeout(3000).emitWithAck('snapshot', { layer }),
        },
      });
      a.on('connect', () => sync.connected());
      a.on('disconnect', (r) => sync.disconnected(r));
      a.on('delta', (d) => sync.delta(d));
      a.on('snapshot', (s) => sync.snapshot(s));
      cleanups.push(async () => sync.stop());
      const cached = () => queryClient.getQueryData<LayerSnapshot<'traffic'>>(liveKeys.layer('traffic'));

      // Client B is on gateway 2 directly.
      const b: Client = connectClient(gw2.url, '/ops', token);
      cleanups.push(async () => void b.disconnect());
      await connected(b);
      const bSnap = snapshotAckSchema.parse(await b.timeout(5000).emitWithAck('subscribe', { layer: 'traffic' }));
      await until('client A synced', () => cached() !== undefined);
      expect(bSnap.ok && bSnap.snapshot.version).toBe(cached()?.version);

      const deltasA: unknown[] = [];
      const deltasB: unknown[] = [];
      a.on('delta', (d) => deltasA.push(layerDeltaSchema.parse(d)));
      b.on('delta', (d) => deltasB.push(layerDeltaSchema.parse(d)));
      await upsert(models.url, [flowEntity('s00001', '2026-11-23T08:00:10.000Z', 12)]);
      await until('both clients got the delta', () => deltasA.length > 0 && deltasB.length > 0);
      expect(deltasA[0]).toEqual(deltasB[0]);
      expect(cached()?.items.s00001.speedKmh).toBe(12);

      // Gateway 1 (the poller) stops: gateway 2 takes over polling, client A reconnects through the door.
      gw1Stopped = true;
      await gw1.stop();
      await until('gateway 2 elected', () => gw2.gateway.isLeader(), 10_000);
      await upsert(models.url, [flowEntity('s00002', '2026-11-23T08:00:20.000Z', 7)]);
      await until('client A caught up through gateway 2', () => cached()?.items.s00002.speedKmh === 7, 15_000);
      expect(a.connected).toBe(true);
      const state = (await (await fetch(`${models.url}/v1/state/traffic`)).json()) as { items: Record<string, { speedKmh: number }> };
      const mine = cached();
      expect(Object.fromEntries(Object.entries(mine?.items ?? {}).map(([id, r]) => [id, r.speedKmh]))).toEqual(
        Object.fromEntries(Object.entries(state.items).map(([id, r]) => [id, r.speedKmh])),
      );
      // Versions went on from where gateway 1 left off: B saw every version in order.
      expect(gw2.gateway.snapshot('traffic').version).toBe(mine?.version);
    },
  );
});
