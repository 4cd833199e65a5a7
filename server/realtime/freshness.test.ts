import { describe, expect, it } from 'vitest';
import { judgeFreshness, type SourceHealth } from './freshness';

const opts = { staleAfterMs: 30_000, pollIntervalMs: 2000 };
const healthy = (over: Partial<SourceHealth> = {}): SourceHealth => ({
  source: 'city-twin',
  asOf: '2026-11-23T08:00:00.000Z',
  receivedAtMs: 1_000_000,
  polledAtMs: 1_000_000,
  lastPollFailed: false,
  ...over,
});

describe('judgeFreshness', () => {
  it('calls a layer live when data changed within the stale window', () => {
    const f = judgeFreshness('traffic', healthy(), 1_010_000, opts);
    expect(f.stale).toBe(false);
    expect(f.reason).toBeNull();
  });

  it('calls a layer stale as soon as a poll of the model services fails', () => {
    const f = judgeFreshness('traffic', healthy({ lastPollFailed: true }), 1_001_000, opts);
    expect(f).toMatchObject({ stale: true, reason: 'model-services-unreachable' });
  });

  it('calls a layer stale when polls succeed but bring nothing new for too long', () => {
    const f = judgeFreshness('traffic', healthy(), 1_000_000 + 30_001, opts);
    expect(f).toMatchObject({ stale: true, reason: 'no-new-data' });
  });

  it('calls a layer stale before any data has arrived', () => {
    const f = judgeFreshness('traffic', healthy({ receivedAtMs: null, asOf: null }), 1_000_000, opts);
    expect(f).toMatchObject({ stale: true, reason: 'no-data-yet' });
  });

  it('keeps the source and observation time of the last good data while stale', () => {
    const f = judgeFreshness('traffic', healthy({ lastPollFailed: true }), 2_000_000, opts);
    expect(f.source).toBe('city-twin');
    expect(f.asOf).toBe('2026-11-23T08:00:00.000Z');
  });
});
