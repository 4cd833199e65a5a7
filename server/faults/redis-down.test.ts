import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { stepDelta } from '@/components/live/delta-step';
import type { LiveSnapshot } from '@/components/live/keys';
import { layerDeltaSchema, layerSnapshotSchema, snapshotAckSchema, type LayerDelta, type LayerSnapshot } from '@/lib/protocol/socket';
import { flowEntity } from '../models/test-server';
import type { GatewayRedis } from '../realtime/gateway';
import { connectClient, connected, memoryAuthStore, sessionFor, startGateway, startSeededModels, until, upsert, type Client } from '../realtime/test-stack';
import { privateRedis, skipUnless } from '../testing/services';

const skip = skipUnless('redis', 'redis-down.test');

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

/** The speed of s00001 in a traffic delta or snapshot, or undefined. */
const speedIn = (d: LayerDelta) => (d.layer === 'traffic' ? d.upsert.s00001?.speedKmh : undefined);
/** A screen's copy as a snapshot: the cache also names the ids its last delta changed, which no snapshot has. */
function asSnapshot(s: LiveSnapshot | undefined): LayerSnapshot | undefined {
  if (!s) return s;
  const { changed: _changed, ...snapshot } = s;
  return snapshot as LayerSnapshot;
}
const speedOf = (s: LayerSnapshot | undefined) => (s?.layer === 'traffic' ? s.items.s00001?.speedKmh : undefined);
/** A reading of s00001 `s` seconds after 08:00. */
const reading = (s: number, speed: number) => flowEntity('s00001', new Date(Date.UTC(2026, 10, 23, 8, 0, s)).toISOString(), speed);

type Gw = Awaited<ReturnType<typeof startGateway>>;
/** A gauge without labels, as /metrics shows it. */
const gauge = (gw: Gw, name: string) => {
  const line = gw.gateway.metrics.registry
    .render()
    .split('\n')
    .find((l) => l.startsWith(`${name} `));
  return line === undefined ? NaN : Number(line.slice(name.length + 1));
};
const sum = (gws: Gw[], name: string) => gws.reduce((n, gw) => n + gauge(gw, name), 0);

/**
 * A screen on one gateway: every delta and pushed snapshot it heard, and its own copy of the
 * layer kept as the browser keeps it (components/live: a delta applies at the version it names,
 * anything else is a gap that needs a snapshot).
 */
async function openScreen(url: string, token: string) {
  const c: Client = connectClient(url, '/ops', token);
  cleanups.push(async () => void c.disconnect());
  await connected(c);
  const screen = { c, deltas: [] as Array<{ at: number; d: LayerDelta }>, speeds: [] as Array<number | undefined>, gaps: 0, cached: undefined as LiveSnapshot | undefined };
  c.on('delta', (raw) => {
    const d = layerDeltaSchema.parse(raw);
    screen.deltas.push({ at: Date.now(), d });
    screen.speeds.push(speedIn(d));
    const step = stepDelta(screen.cached, d);
    if (step.kind === 'applied') screen.cached = step.snapshot;
    else if (step.kind === 'resync') screen.gaps++;
  });
  // A gateway that takes another's snapshot (after an election, or after polling on its own) pushes it whole.
  c.on('snapshot', (raw) => {
    const snap = layerSnapshotSchema.parse(raw);
    screen.cached = snap;
    screen.speeds.push(speedOf(snap));
  });
  const ack = snapshotAckSchema.parse(await c.timeout(5000).emitWithAck('subscribe', { layer: 'traffic' }));
  if (!ack.ok) throw new Error(`subscribe refused: ${ack.error.message}`);
  screen.cached = ack.snapshot;
  return screen;
}

describe('two gateways when their Redis stops', () => {
  it.skipIf(skip)(
    'each go on polling for their own clients, with new deltas at consistent versions, and go back to one poller fanning out to both once Redis returns',
    { timeout: 90_000 },
    async () => {
      const redis = await privateRedis();
      cleanups.push(redis.stop);
      const models = await startSeededModels();
      cleanups.push(() => models.stop());
      const auth = await memoryAuthStore();
      cleanups.push(() => auth.close());
      const shared = { redisPrefix: `polis-fault-${process.pid}`, leaderTtlMs: 900, pollIntervalMs: 150 };
      const redisClient = async () => {
        const c = createClient({ url: redis.url, socket: { reconnectStrategy: () => 200 } });
        c.on('error', () => undefined);
        await c.connect();
        cleanups.push(async () => {
          // The adapter's last writes (sessions of the sockets the stop closed) are answered first; then it is cut.
          await Promise.race([c.close().catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
          if (c.isOpen) c.destroy();
        });
        return c as unknown as GatewayRedis;
      };
      const gw1 = await startGateway(models.url, auth, { ...shared, redis: await redisClient() });
      cleanups.push(gw1.stop);
      await until('gateway 1 elected', () => gw1.gateway.isLeader());
      const gw2 = await startGateway(models.url, auth, { ...shared, redis: await redisClient() });
      cleanups.push(gw2.stop);
      const gws = [gw1, gw2];
      await until('gateway 2 has the snapshot', () => gw2.gateway.snapshot('traffic').version > 0);
      expect([sum(gws, 'polis_gateway_leader'), sum(gws, 'polis_gateway_polling')]).toEqual([1, 1]);

      const token = await sessionFor(auth, 'operator');
      const a = await openScreen(gw1.url, token);
      const b = await openScreen(gw2.url, token);
      await upsert(models.url, [reading(10, 30)]);
      await until('both clients got 30', () => a.speeds.includes(30) && b.speeds.includes(30));

      await redis.stop();
      const downAt = Date.now();
      const asOfBefore = gw1.gateway.snapshot('traffic').asOf ?? '';
      // The field goes on reporting: a new reading every 300 ms while Redis is away.
      let last = 30;
      let feeding = true;
      const feeder = (async () => {
        for (let s = 11; feeding; s++) {
          const speed = 30 + 3 * (s - 10);
          await upsert(models.url, [reading(s, speed)]);
          last = speed;
          await new Promise((r) => setTimeout(r, 300));
        }
      })();
      cleanups.push(async () => {
        feeding = false;
        await feeder;
      });
      // No one is elected while Redis is away (the leader steps down at its next round), and both poll.
      await until('both gateways poll on their own', () => sum(gws, 'polis_gateway_polling') === 2 && sum(gws, 'polis_gateway_leader') === 0, 5000);
      const newDeltas = (screen: typeof a) => screen.deltas.filter((x) => x.at > downAt && x.d.asOf !== null && x.d.asOf > asOfBefore);
      await until('new deltas on both gateways while Redis is away', () => newDeltas(a).length >= 5 && newDeltas(b).length >= 5, 10_000);
      feeding = false;
      await feeder;
      await until('the last reading on both screens', () => speedOf(a.cached) === last && speedOf(b.cached) === last, 2000);

      for (const [name, gw, screen] of [['1', gw1, a], ['2', gw2, b]] as const) {
        const heard = newDeltas(screen);
        // Live: asOf moves on with each delta, and versions follow on one from the other (no gap, no resync).
        expect(heard.map((x) => x.d.asOf), `asOf on gateway ${name}`).toEqual([...new Set(heard.map((x) => x.d.asOf))].sort());
        for (let i = 1; i < heard.length; i++) expect(heard[i].d.baseVersion, `versions on gateway ${name}`).toBe(heard[i - 1].d.version);
        expect(screen.gaps, `gaps on gateway ${name}`).toBe(0);
        // The screen's copy is the gateway's snapshot, item for item, and holds the newest reading.
        expect(asSnapshot(screen.cached), `screen of gateway ${name}`).toEqual(gw.gateway.snapshot('traffic'));
        expect(speedOf(screen.cached)).toBe(last);
        expect(screen.c.connected).toBe(true);
        expect(gw.gateway.freshness('traffic').stale, `freshness on gateway ${name}`).toBe(false);
      }
      // A screen that opens now on either gateway is served the live state too.
      for (const gw of gws) expect(speedOf((await openScreen(gw.url, token)).cached)).toBe(last);

      await redis.start();
      const backAt = Date.now();
      await until('one poller again', () => sum(gws, 'polis_gateway_leader') === 1 && sum(gws, 'polis_gateway_polling') === 1, 10_000);
      const oneAt = Date.now();
      await upsert(models.url, [reading(40, 20)]);
      await until('both clients got 20 after Redis returned', () => a.speeds.includes(20) && b.speeds.includes(20), 20_000);
      console.log(`[redis-down] one poller ${oneAt - backAt} ms after Redis returned; fan-out resumed ${Date.now() - backAt} ms after`);

      // From here on both gateways send the same deltas: one poller, fanned out through Redis.
      const from = [a.deltas.length, b.deltas.length];
      for (const [k, speed] of [12, 14, 16].entries()) {
        await upsert(models.url, [reading(41 + k, speed)]);
        await until(`both clients got ${speed}`, () => a.speeds.includes(speed) && b.speeds.includes(speed), 5000);
      }
      const after = (screen: typeof a, i: number) => screen.deltas.slice(from[i]).map((x) => x.d);
      expect(after(a, 0).length).toBeGreaterThanOrEqual(3);
      expect(after(a, 0)).toEqual(after(b, 1));
      expect(sum(gws, 'polis_gateway_leader')).toBe(1);
      expect(sum(gws, 'polis_gateway_polling')).toBe(1);
      // Both gateways and both screens hold the same snapshot: the diverged one was replaced.
      expect(gw2.gateway.snapshot('traffic')).toEqual(gw1.gateway.snapshot('traffic'));
      expect(asSnapshot(a.cached)).toEqual(gw1.gateway.snapshot('traffic'));
      expect(asSnapshot(b.cached)).toEqual(gw2.gateway.snapshot('traffic'));
    },
  );
});
