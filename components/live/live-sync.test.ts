import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import type { Freshness, LayerDelta, LayerSnapshot, SnapshotAck } from '@/lib/protocol/socket';
import { liveKeys, type ConnectionEntry, type FreshnessEntry, type LiveSnapshot } from './keys';
import { createLiveSync, type SnapshotRequests } from './live-sync';
import { zodChecks } from './zod-checks';

const at = '2026-11-23T08:00:10.000Z';
const r = (speedKmh: number) => ({ speedKmh, flowVph: 600, occupancy: 0.1, observedAt: at });
const snap = (version: number, items: LayerSnapshot<'traffic'>['items'] = { a: r(10) }): LayerSnapshot<'traffic'> => ({ layer: 'traffic', version, asOf: at, items });
const delta = (baseVersion: number, upsert: LayerDelta<'traffic'>['upsert']): LayerDelta<'traffic'> => ({
  layer: 'traffic',
  baseVersion,
  version: baseVersion + 1,
  asOf: at,
  upsert,
  remove: [],
});
const freshness: Freshness = {
  layer: 'traffic',
  source: 'city-twin',
  asOf: at,
  receivedAt: at,
  polledAt: at,
  stale: false,
  reason: null,
  sentAt: at,
  pollIntervalMs: 2000,
};
const ack = (snapshot: LayerSnapshot): SnapshotAck => ({ ok: true, snapshot, freshness });

function setup(serverSnapshot: () => LayerSnapshot) {
  const queryClient = new QueryClient();
  const calls: string[] = [];
  const requests: SnapshotRequests = {
    subscribe: async () => (calls.push('subscribe'), ack(serverSnapshot())),
    snapshot: async () => (calls.push('snapshot'), ack(serverSnapshot())),
  };
  const warn = vi.fn();
  const sync = createLiveSync({ queryClient, layer: 'traffic', requests, checks: zodChecks, now: () => 1000, warn, retryMs: 50 });
  const cached = () => queryClient.getQueryData<LiveSnapshot>(liveKeys.layer('traffic'));
  return { queryClient, sync, calls, cached, warn };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the socket feeding the react-query cache', () => {
  it('subscribes on connect and caches the snapshot and freshness from the ack', async () => {
    const { sync, calls, cached, queryClient } = setup(() => snap(3));
    sync.connected();
    await settle();
    expect(calls).toEqual(['subscribe']);
    expect(cached()).toEqual(snap(3));
    expect(queryClient.getQueryData<FreshnessEntry>(liveKeys.freshness('traffic'))).toEqual({ freshness, heardAt: 1000 });
    expect(queryClient.getQueryData<ConnectionEntry>(liveKeys.connection)?.status).toBe('connected');
  });

  it('applies a delta that names the cached version', async () => {
    const { sync, calls, cached } = setup(() => snap(3));
    sync.connected();
    await settle();
    sync.delta(delta(3, { a: r(42) }));
    expect(cached()).toMatchObject(snap(4, { a: r(42) }));
    expect(calls).toEqual(['subscribe']);
  });

  it('caches with each delta the ids it changed and the version it was applied to', async () => {
    const { sync, cached } = setup(() => snap(3, { a: r(10), b: r(20) }));
    sync.connected();
    await settle();
    sync.delta({ ...delta(3, { a: r(42) }), remove: ['b'] });
    expect(cached()?.changed).toEqual({ since: 3, ids: ['a', 'b'] });
  });

  it('caches a whole snapshot without changed ids', async () => {
    const { sync, cached } = setup(() => snap(3));
    sync.connected();
    await settle();
    sync.delta(delta(3, { a: r(42) }));
    sync.snapshot(snap(20, { b: r(5) }));
    expect(cached()?.changed).toBeUndefined();
  });

  it('leaves another layer\'s delta to that layer\'s sync without checking it', async () => {
    const { sync, calls, cached, warn } = setup(() => snap(3));
    sync.connected();
    await settle();
    sync.delta({ layer: 'grid', baseVersion: 3, version: 4, asOf: at, upsert: { f1: { nonsense: true } }, remove: [] });
    await settle();
    expect(warn).not.toHaveBeenCalled();
    expect(calls).toEqual(['subscribe']);
    expect(cached()).toEqual(snap(3));
  });

  it('asks for a snapshot when a delta shows a gap, and replaces the cache with it', async () => {
    let server = snap(3);
    const { sync, calls, cached } = setup(() => server);
    sync.connected();
    await settle();
    server = snap(9, { a: r(7) });
    sync.delta(delta(8, { a: r(7) }));
    expect(cached()?.version).toBe(3);
    await settle();
    expect(calls).toEqual(['subscribe', 'snapshot']);
    expect(cached()).toEqual(snap(9, { a: r(7) }));
  });

  it('asks only once while a snapshot is on its way', async () => {
    const { sync, calls } = setup(() => snap(3));
    sync.connected();
    await settle();
    sync.delta(delta(10, {}));
    sync.delta(delta(11, {}));
    await settle();
    expect(calls).toEqual(['subscribe', 'snapshot']);
  });

  it('drops an invalid delta without touching the cache, and resyncs', async () => {
    const { sync, calls, cached, warn } = setup(() => snap(3));
    sync.connected();
    await settle();
    sync.delta({ layer: 'traffic', baseVersion: 3, version: 4, asOf: at, upsert: { a: { speedKmh: -5 } }, remove: [] });
    expect(cached()).toEqual(snap(3));
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/upsert\.a/));
    await settle();
    expect(calls).toEqual(['subscribe', 'snapshot']);
  });

  it('replaces the cache when the gateway pushes a snapshot', async () => {
    const { sync, cached } = setup(() => snap(3));
    sync.connected();
    await settle();
    sync.snapshot(snap(20, { b: r(5) }));
    expect(cached()).toEqual(snap(20, { b: r(5) }));
  });

  it('records each freshness heartbeat with the local time it was heard', () => {
    const { sync, queryClient } = setup(() => snap(3));
    sync.freshness({ ...freshness, stale: true, reason: 'model-services-unreachable' });
    expect(queryClient.getQueryData<FreshnessEntry>(liveKeys.freshness('traffic'))).toEqual({
      freshness: { ...freshness, stale: true, reason: 'model-services-unreachable' },
      heardAt: 1000,
    });
  });

  it('subscribes again after a reconnect', async () => {
    const { sync, calls, queryClient } = setup(() => snap(3));
    sync.connected();
    await settle();
    sync.disconnected('transport close');
    expect(queryClient.getQueryData<ConnectionEntry>(liveKeys.connection)).toMatchObject({ status: 'disconnected', reason: 'transport close' });
    sync.connected();
    await settle();
    expect(calls).toEqual(['subscribe', 'subscribe']);
  });

  it('retries a refused subscribe', async () => {
    const queryClient = new QueryClient();
    let answers = 0;
    const requests: SnapshotRequests = {
      subscribe: async () =>
        ++answers === 1 ? { ok: false, error: { code: 'unavailable', message: 'warming up' } } : ack(snap(1)),
      snapshot: async () => ack(snap(1)),
    };
    const sync = createLiveSync({ queryClient, layer: 'traffic', requests, checks: zodChecks, warn: () => {}, retryMs: 10 });
    sync.connected();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answers).toBe(2);
    expect(queryClient.getQueryData(liveKeys.layer('traffic'))).toEqual(snap(1));
    sync.stop();
  });

  it('subscribes again on the open socket when asked to, and caches the new snapshot', async () => {
    let server = snap(3);
    const { sync, calls, cached } = setup(() => server);
    sync.connected();
    await settle();
    server = snap(4, { b: r(20) });
    sync.resubscribe();
    await settle();
    expect(calls).toEqual(['subscribe', 'subscribe']);
    expect(cached()).toEqual(server);
  });

  it('subscribes once more when asked while a subscription is still out, keeping only the later answer', async () => {
    let server = snap(3);
    const { sync, calls, cached } = setup(() => server);
    sync.connected();
    sync.resubscribe();
    server = snap(3, { c: r(30) });
    await settle();
    await settle();
    expect(calls).toEqual(['subscribe', 'subscribe']);
    expect(cached()).toEqual(server);
  });

  it('fills in observedAt left out of a delta item from the delta asOf', async () => {
    const { sync, cached } = setup(() => snap(3));
    sync.connected();
    await settle();
    sync.delta({ ...delta(3, {}), upsert: { a: { speedKmh: 44, flowVph: 600, occupancy: 0.1 } } });
    expect((cached() as LayerSnapshot<'traffic'>).items.a).toEqual(r(44));
  });
});

