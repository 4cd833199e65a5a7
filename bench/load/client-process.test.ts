import { describe, expect, it } from 'vitest';
import { mergeReplies } from './client-process';
import type { FromClients } from './protocol';

type Samples = Extract<FromClients, { type: 'samples' }>;
const samples = (over: Partial<Samples>): Samples => ({
  type: 'samples',
  arrivals: {},
  events: {},
  gaps: 0,
  invalid: 0,
  snapshots: 0,
  trouble: { disconnects: 0, connectErrors: 0, errorAcks: 0, messages: [] },
  cpuSeconds: 0,
  ...over,
});

describe('replies of several client processes', () => {
  it('join the arrival times of each delta and add up the counts', () => {
    const merged = mergeReplies([
      samples({ arrivals: { 'traffic:2': [10, 11] }, events: { alert: 1 }, gaps: 1, cpuSeconds: 1.5 }),
      samples({ arrivals: { 'traffic:2': [12], 'traffic:3': [20] }, events: { alert: 2 }, invalid: 1, cpuSeconds: 2 }),
    ]);
    expect(merged.arrivals).toEqual({ 'traffic:2': [10, 11, 12], 'traffic:3': [20] });
    expect(merged.events).toEqual({ alert: 3 });
    expect([merged.gaps, merged.invalid, merged.cpuSeconds]).toEqual([1, 1, 3.5]);
  });

  it('count every connected client and take the slowest process as the time to connect', () => {
    expect(
      mergeReplies([
        { type: 'connected', n: 1000, failed: 0, ms: 3000 },
        { type: 'connected', n: 999, failed: 1, ms: 4200 },
      ]),
    ).toEqual({ type: 'connected', n: 1999, failed: 1, ms: 4200 });
  });
});
