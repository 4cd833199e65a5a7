import { describe, expect, it } from 'vitest';
import type { Freshness } from '@/lib/protocol/socket';
import type { ConnectionEntry, FreshnessEntry } from './keys';
import { heartbeatLimitMs, judgeLive } from './staleness';

const NOW = Date.parse('2026-11-23T08:00:30.000Z');
const connected: ConnectionEntry = { status: 'connected', since: NOW - 60_000 };
const fresh = (over: Partial<Freshness> = {}, heardAt = NOW - 500): FreshnessEntry => ({
  heardAt,
  freshness: {
    layer: 'traffic',
    source: 'city-twin',
    asOf: '2026-11-23T08:00:28.000Z',
    receivedAt: '2026-11-23T08:00:29.000Z',
    polledAt: '2026-11-23T08:00:29.000Z',
    stale: false,
    reason: null,
    sentAt: '2026-11-23T08:00:29.500Z',
    pollIntervalMs: 2000,
    ...over,
  },
});
const judge = (over: Partial<Parameters<typeof judgeLive>[0]> = {}) =>
  judgeLive({ connection: connected, freshness: fresh(), hasSnapshot: true, now: NOW, ...over });

describe('judging whether the map is live', () => {
  it('is live when connected, with a snapshot and a recent heartbeat saying fresh', () => {
    expect(judge()).toEqual({ state: 'live', label: 'live', why: null });
  });

  it('is connecting before the socket is up or the first snapshot arrived', () => {
    expect(judge({ connection: undefined }).state).toBe('connecting');
    expect(judge({ connection: { status: 'connecting', since: NOW } }).state).toBe('connecting');
    expect(judge({ hasSnapshot: false }).state).toBe('connecting');
    expect(judge({ freshness: undefined }).state).toBe('connecting');
  });

  it('is stale when the gateway says the model services are unreachable', () => {
    const s = judge({ freshness: fresh({ stale: true, reason: 'model-services-unreachable' }) });
    expect(s).toMatchObject({ state: 'stale', label: 'stale', why: { kind: 'modelServicesUnreachable' } });
  });

  it('says since when no new data came, in local clock time', () => {
    const s = judge({ freshness: fresh({ stale: true, reason: 'no-new-data' }) });
    expect(s.state).toBe('stale');
    expect(s.why).toEqual({ kind: 'noNewData', since: '2026-11-23T08:00:29.000Z' });
  });

  it('is stale when the socket dropped, whatever the last heartbeat said', () => {
    const s = judge({ connection: { status: 'disconnected', since: NOW, reason: 'transport close' } });
    expect(s).toMatchObject({ state: 'stale', label: 'disconnected', why: { kind: 'disconnected' } });
  });

  it('is stale when heartbeats stop for more than two poll intervals and a second', () => {
    expect(heartbeatLimitMs(2000)).toBe(5000);
    expect(judge({ freshness: fresh({}, NOW - 5000) }).state).toBe('live');
    const s = judge({ freshness: fresh({}, NOW - 5001) });
    expect(s.state).toBe('stale');
    expect(s.why).toEqual({ kind: 'noHeartbeat', since: NOW - 5001 });
  });

  it('scales the heartbeat limit with the poll interval', () => {
    expect(judge({ freshness: fresh({ pollIntervalMs: 500 }, NOW - 2100) }).state).toBe('stale');
    expect(judge({ freshness: fresh({ pollIntervalMs: 500 }, NOW - 1900) }).state).toBe('live');
  });
});
