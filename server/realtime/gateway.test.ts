import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { applyDelta } from '@/lib/protocol/delta';
import {
  freshnessSchema,
  layerDeltaSchema,
  snapshotAckSchema,
  type ClientToServerEvents,
  type Freshness,
  type LayerDelta,
  type ServerToClientEvents,
} from '@/lib/protocol/socket';
import { flowEntity, postJson, roadSegmentEntity, startTestModels } from '../models/test-server';
import { createGateway, type Gateway } from './gateway';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real gateway polling real model services (in-memory PGlite), reached by a real Socket.IO client. */
async function startStack() {
  const models = await startTestModels();
  await postJson(`${models.url}/ngsi-ld/v1/entityOperations/upsert`, [
    roadSegmentEntity('s00001'),
    roadSegmentEntity('s00002'),
    flowEntity('s00001', '2026-11-23T08:00:00.000Z', 40),
    flowEntity('s00002', '2026-11-23T08:00:00.000Z', 20),
  ]);
  const http: Server = createServer();
  const gateway: Gateway = createGateway(http, { modelsUrl: models.url, pollIntervalMs: 100, staleAfterMs: 2000, log: () => undefined });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const client: Client = io(url, { transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', resolve);
    client.once('connect_error', reject);
  });
  // Wait until the gateway has polled once, so the snapshot holds data.
  for (let i = 0; i < 50 && gateway.freshness('traffic').asOf === null; i++) await new Promise((r) => setTimeout(r, 50));
  const stack = {
    models,
    client,
    stop: async () => {
      client.disconnect();
      await gateway.close();
      http.close();
      await models.stop().catch(() => undefined);
    },
  };
  stacks.push(stack);
  return stack;
}

const stacks: Array<{ stop: () => Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(stacks.splice(0).map((s) => s.stop()));
});

const next = <T>(client: Client, event: 'delta' | 'freshness', accept: (v: unknown) => T | null, timeoutMs = 5000) =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching ${event} within ${timeoutMs} ms`)), timeoutMs);
    const on = (payload: unknown) => {
      const v = accept(payload);
      if (v === null) return;
      clearTimeout(timer);
      client.off(event, on);
      resolve(v);
    };
    client.on(event, on);
  });

describe('the realtime gateway', () => {
  it('answers a subscription with the current snapshot and its freshness', async () => {
    const { client } = await startStack();
    const ack = snapshotAckSchema.parse(await client.timeout(5000).emitWithAck('subscribe', { layer: 'traffic' }));
    if (!ack.ok || ack.snapshot.layer !== 'traffic') throw new Error('no traffic snapshot');
    expect(ack.snapshot.items.s00001.speedKmh).toBe(40);
    expect(ack.snapshot.items.s00002.speedKmh).toBe(20);
    expect(ack.freshness).toMatchObject({ source: 'test', stale: false, asOf: '2026-11-23T08:00:00.000Z' });
  });

  it('pushes only what changed, as a delta that applies to the version the client holds', async () => {
    const { client, models } = await startStack();
    const ack = snapshotAckSchema.parse(await client.timeout(5000).emitWithAck('subscribe', { layer: 'traffic' }));
    if (!ack.ok || ack.snapshot.layer !== 'traffic') throw new Error('no traffic snapshot');
    const delta = next<LayerDelta<'traffic'>>(client, 'delta', (d) => layerDeltaSchema.parse(d) as LayerDelta<'traffic'>);
    await postJson(`${models.url}/ngsi-ld/v1/entityOperations/upsert`, [flowEntity('s00001', '2026-11-23T08:00:10.000Z', 12)]);
    const d = await delta;
    expect(d.baseVersion).toBe(ack.snapshot.version);
    expect(Object.keys(d.upsert)).toEqual(['s00001']);
    const after = applyDelta(ack.snapshot, d);
    expect(after.items.s00001.speedKmh).toBe(12);
    expect(after.items.s00002).toEqual(ack.snapshot.items.s00002);
  });

  it('refuses a subscription to an unknown layer with an error naming the field', async () => {
    const { client } = await startStack();
    const ack = snapshotAckSchema.parse(await client.timeout(5000).emitWithAck('subscribe', { layer: 'sewage' } as never));
    expect(ack.ok).toBe(false);
    if (ack.ok) return;
    expect(ack.error.code).toBe('bad-request');
    expect(ack.error.issues?.[0].path).toBe('layer');
  });

  it('stays up after a malformed request and keeps answering', async () => {
    const { client } = await startStack();
    const bad = snapshotAckSchema.parse(await client.timeout(5000).emitWithAck('snapshot', 'garbage' as never));
    expect(bad.ok).toBe(false);
    const good = snapshotAckSchema.parse(await client.timeout(5000).emitWithAck('snapshot', { layer: 'traffic' }));
    expect(good.ok).toBe(true);
  });

  it('marks the layer stale when the model services stop answering', async () => {
    const { client, models } = await startStack();
    await client.timeout(5000).emitWithAck('subscribe', { layer: 'traffic' });
    await models.stop();
    const f = await next<Freshness>(client, 'freshness', (raw) => {
      const v = freshnessSchema.parse(raw);
      return v.stale ? v : null;
    });
    expect(f.reason).toBe('model-services-unreachable');
    // The last good data is still named, so the screen can say how old it is.
    expect(f.asOf).toBe('2026-11-23T08:00:00.000Z');
  });
});
