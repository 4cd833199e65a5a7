import { afterEach, describe, expect, it } from 'vitest';
import { applyDelta } from '@/lib/protocol/delta';
import {
  freshnessSchema,
  layerDeltaSchema,
  layerSnapshotSchema,
  simpleAckSchema,
  snapshotAckSchema,
  type Freshness,
  type LayerDelta,
  type LayerSnapshot,
} from '@/lib/protocol/socket';
import { flowEntity } from '../models/test-server';
import type { GatewayOptions } from './gateway';
import { createLog } from './log';
import {
  connectClient,
  connected,
  memoryAuthStore,
  nextEvent,
  sessionFor,
  startGateway,
  startSeededModels,
  until,
  upsert,
  type Client,
} from './test-stack';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

/** Real model services (in-memory PGlite), a real gateway and a signed-in operator's socket on /ops. */
async function startStack(extra: Partial<GatewayOptions> = {}) {
  const models = await startSeededModels();
  cleanups.push(() => models.stop());
  const auth = await memoryAuthStore();
  cleanups.push(() => auth.close());
  const gw = await startGateway(models.url, auth, extra);
  cleanups.push(gw.stop);
  // Wait until the gateway has polled once, so snapshots hold data.
  await until('first poll', () => gw.gateway.freshness('traffic').asOf !== null);
  const token = await sessionFor(auth, 'operator');
  const open = async (namespace: '/ops' | '/public', withToken = true) => {
    const client = connectClient(gw.url, namespace, withToken ? token : undefined);
    cleanups.push(async () => void client.disconnect());
    await connected(client);
    return client;
  };
  return { models, auth, gw, token, open };
}

const subscribe = async (client: Client, req: unknown) => snapshotAckSchema.parse(await client.timeout(5000).emitWithAck('subscribe', req as never));
const trafficSnapshot = (ack: ReturnType<typeof snapshotAckSchema.parse>): LayerSnapshot<'traffic'> => {
  if (!ack.ok || ack.snapshot.layer !== 'traffic') throw new Error(`no traffic snapshot: ${JSON.stringify(ack)}`);
  return ack.snapshot as LayerSnapshot<'traffic'>;
};
const trafficDelta = (raw: unknown) => layerDeltaSchema.parse(raw) as LayerDelta<'traffic'>;

describe('the gateway handshake', () => {
  it('refuses the control room namespace without a session', async () => {
    const { gw } = await startStack();
    const client = connectClient(gw.url, '/ops');
    cleanups.push(async () => void client.disconnect());
    await expect(connected(client)).rejects.toThrow('unauthorized');
  });

  it('refuses the control room namespace with an unknown session token', async () => {
    const { gw } = await startStack();
    const client = connectClient(gw.url, '/ops', 'not-a-real-token');
    cleanups.push(async () => void client.disconnect());
    await expect(connected(client)).rejects.toThrow('unauthorized');
  });

  it('serves nothing on the main namespace', async () => {
    const { gw } = await startStack();
    const client = connectClient(gw.url, '/');
    cleanups.push(async () => void client.disconnect());
    await expect(connected(client)).rejects.toThrow(/ops or \/public/);
  });

  it('disconnects the sockets of a session when it is signed out', async () => {
    const { open, gw, token } = await startStack();
    const client = await open('/ops');
    const gone = new Promise<string>((resolve) => client.once('disconnect', resolve));
    gw.gateway.endSession(token);
    expect(await gone).toBe('io server disconnect');
  });

  it('disconnects a signed-in socket when its session expires while connected', async () => {
    const models = await startSeededModels();
    const auth = await memoryAuthStore();
    let clock = Date.now();
    const gw = await startGateway(models.url, auth, { sessionCheckMs: 50, authenticate: (t) => auth.sessionUser(t, clock) });
    cleanups.push(() => models.stop(), () => auth.close(), gw.stop);
    const token = await sessionFor(auth, 'operator');
    const client = connectClient(gw.url, '/ops', token);
    cleanups.push(async () => void client.disconnect());
    await connected(client);
    const gone = new Promise<string>((resolve) => client.once('disconnect', resolve));
    clock += 2 * 3600_000; // past the store's one-hour session lifetime
    expect(await gone).toBe('io server disconnect');
  });

  it('keeps a signed-in socket whose session is still valid', async () => {
    const { open } = await startStack({ sessionCheckMs: 50 });
    const client = await open('/ops');
    await new Promise((r) => setTimeout(r, 300));
    expect(client.connected).toBe(true);
  });
});

describe('what each audience may watch', () => {
  it('answers an operator subscription with the current snapshot and its freshness', async () => {
    const { open } = await startStack();
    const ack = await subscribe(await open('/ops'), { layer: 'traffic' });
    const snap = trafficSnapshot(ack);
    expect(snap.items.s00001.speedKmh).toBe(40);
    expect(snap.items.s00002.speedKmh).toBe(20);
    if (ack.ok) expect(ack.freshness).toMatchObject({ source: 'test', stale: false, asOf: '2026-11-23T08:00:00.000Z' });
  });

  it('lets the public watch transit', async () => {
    const { open } = await startStack();
    const ack = await subscribe(await open('/public', false), { layer: 'transit' });
    expect(ack.ok).toBe(true);
  });

  it('refuses the public a traffic subscription with a forbidden ack and sends it no traffic', async () => {
    const { open, models } = await startStack();
    const client = await open('/public', false);
    const deltas: unknown[] = [];
    client.on('delta', (d) => deltas.push(d));
    const ack = await subscribe(client, { layer: 'traffic' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const again = snapshotAckSchema.parse(await client.timeout(5000).emitWithAck('snapshot', { layer: 'traffic' }));
    expect(again).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await upsert(models.url, [flowEntity('s00001', '2026-11-23T08:00:10.000Z', 12)]);
    await new Promise((r) => setTimeout(r, 400));
    expect(deltas).toEqual([]);
  });

  it('answers an event no audience handles with an error ack', async () => {
    const { open } = await startStack();
    const client = await open('/ops');
    // An event outside the protocol's types: an old or hostile client.
    const raw = client as unknown as { timeout: (ms: number) => { emitWithAck: (ev: string, ...args: unknown[]) => Promise<unknown> } };
    const ack = simpleAckSchema.parse(await raw.timeout(5000).emitWithAck('approveAction', { id: 'x' }));
    expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('the gateway protocol', () => {
  it('pushes only what changed, as a delta that applies to the version the client holds', async () => {
    const { open, models } = await startStack();
    const client = await open('/ops');
    const snap = trafficSnapshot(await subscribe(client, { layer: 'traffic' }));
    const delta = nextEvent(client, 'delta', trafficDelta);
    await upsert(models.url, [flowEntity('s00001', '2026-11-23T08:00:10.000Z', 12)]);
    const d = await delta;
    expect(d.baseVersion).toBe(snap.version);
    expect(Object.keys(d.upsert)).toEqual(['s00001']);
    const after = applyDelta(snap, d);
    expect(after.items.s00001.speedKmh).toBe(12);
    expect(after.items.s00002).toEqual(snap.items.s00002);
  });

  it('refuses a subscription to an unknown layer with an error naming the field', async () => {
    const { open } = await startStack();
    const ack = await subscribe(await open('/ops'), { layer: 'sewage' });
    expect(ack.ok).toBe(false);
    if (ack.ok) return;
    expect(ack.error.code).toBe('bad-request');
    expect(ack.error.issues?.[0].path).toBe('layer');
  });

  it('refuses an area whose west is east of its east, naming the field', async () => {
    const { open } = await startStack();
    const ack = await subscribe(await open('/ops'), { layer: 'traffic', area: { west: 9, south: 51, east: 8, north: 52 } });
    expect(ack).toMatchObject({ ok: false, error: { code: 'bad-request', issues: [{ path: 'area.west' }] } });
  });

  it('stays up after a malformed request and keeps answering', async () => {
    const { open } = await startStack();
    const client = await open('/ops');
    const bad = snapshotAckSchema.parse(await client.timeout(5000).emitWithAck('snapshot', 'garbage' as never));
    expect(bad.ok).toBe(false);
    const good = snapshotAckSchema.parse(await client.timeout(5000).emitWithAck('snapshot', { layer: 'traffic' }));
    expect(good.ok).toBe(true);
  });

  it('sends a client subscribed to an area only the items in it', async () => {
    const { open, models } = await startStack();
    const client = await open('/ops');
    const west = { west: 8.79, south: 51.09, east: 8.81, north: 51.11 };
    // The gateway places segments from the road network soon after its first poll.
    let snap: LayerSnapshot<'traffic'> | null = null;
    await until('segments placed', async () => {
      snap = trafficSnapshot(await subscribe(client, { layer: 'traffic', area: west }));
      return Object.keys(snap.items).length === 1;
    });
    expect(Object.keys(snap!.items)).toEqual(['s00001']);
    const deltas: Array<LayerDelta<'traffic'>> = [];
    client.on('delta', (d) => deltas.push(trafficDelta(d)));
    await upsert(models.url, [flowEntity('s00002', '2026-11-23T08:00:10.000Z', 33)]);
    await until('a delta', () => deltas.length > 0);
    // The delta still moves the version on, but carries nothing from the other side of the city.
    expect(deltas[0]).toMatchObject({ baseVersion: snap!.version, version: snap!.version + 1, upsert: {}, remove: [] });
    await upsert(models.url, [flowEntity('s00001', '2026-11-23T08:00:20.000Z', 15)]);
    await until('a second delta', () => deltas.length > 1);
    expect(Object.keys(deltas[1].upsert)).toEqual(['s00001']);
  });

  it('sends a client that fell behind one fresh snapshot instead of the deltas it missed', async () => {
    const slow = new Set<string>();
    const { open, models } = await startStack({ maxBufferedBytes: 64 * 1024, bufferedBytesOf: (s) => (slow.has(s.id) ? 10 * 1024 * 1024 : 0) });
    const client = await open('/ops');
    const snap = trafficSnapshot(await subscribe(client, { layer: 'traffic' }));
    const deltas: unknown[] = [];
    const snapshots: Array<LayerSnapshot<'traffic'>> = [];
    client.on('delta', (d) => deltas.push(d));
    client.on('snapshot', (s) => snapshots.push(layerSnapshotSchema.parse(s) as LayerSnapshot<'traffic'>));
    slow.add(client.id as string);
    await upsert(models.url, [flowEntity('s00001', '2026-11-23T08:00:10.000Z', 11)]);
    await upsert(models.url, [flowEntity('s00001', '2026-11-23T08:00:20.000Z', 12)]);
    await new Promise((r) => setTimeout(r, 500));
    expect(deltas).toEqual([]);
    slow.clear();
    await until('a resync snapshot', () => snapshots.length > 0);
    expect(snapshots[0].version).toBeGreaterThan(snap.version);
    expect(snapshots[0].items.s00001.speedKmh).toBe(12);
  });

  it('marks the layer stale when the model services stop answering', async () => {
    const { open, models } = await startStack();
    const client = await open('/ops');
    await subscribe(client, { layer: 'traffic' });
    await models.stop();
    const f = await nextEvent<Freshness>(client, 'freshness', (raw) => {
      const v = freshnessSchema.parse(raw);
      return v.stale ? v : null;
    });
    expect(f.reason).toBe('model-services-unreachable');
    // The last good data is still named, so the screen can say how old it is.
    expect(f.asOf).toBe('2026-11-23T08:00:00.000Z');
  });

  it('counts connected clients and sent deltas in Prometheus format', async () => {
    const { open, models, gw } = await startStack();
    const client = await open('/ops');
    await subscribe(client, { layer: 'traffic' });
    const delta = nextEvent(client, 'delta', trafficDelta);
    await upsert(models.url, [flowEntity('s00001', '2026-11-23T08:00:10.000Z', 12)]);
    await delta;
    const text = gw.gateway.metrics.registry.render();
    expect(text).toContain('polis_gateway_clients{namespace="ops"} 1');
    expect(text).toMatch(/polis_gateway_messages_sent_total\{namespace="ops",event="delta"\} [1-9]/);
    expect(text).toMatch(/polis_gateway_poll_duration_seconds_count\{layer="traffic"\} [1-9]/);
  });
});

describe('the gateway log', () => {
  it('logs each layer update at debug level with its version and when the poll result arrived', async () => {
    const lines: string[] = [];
    const before = Date.now();
    const { gw } = await startStack({ log: createLog('gateway', { level: 'debug', write: (line) => lines.push(line) }) });
    const updates = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'layer updated' && l.layer === 'traffic');
    expect(updates.at(-1)).toMatchObject({ level: 'debug', version: gw.gateway.snapshot('traffic').version });
    expect(updates.at(-1)?.arrivedAtMs).toBeGreaterThanOrEqual(before);
  });
});
