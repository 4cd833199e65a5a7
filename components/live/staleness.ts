import { formatClock } from '../format/time';
import type { ConnectionEntry, FreshnessEntry } from './keys';

export type LiveState = 'live' | 'stale' | 'connecting';

export interface LiveStatus {
  state: LiveState;
  /** Short word for the status line: Live, Stale, Connecting…, Disconnected. */
  label: string;
  /** Why it is stale, in words for people; null when live or connecting. */
  reason: string | null;
}

/** How long without a freshness heartbeat before the UI stops trusting the data. */
export function heartbeatLimitMs(pollIntervalMs: number): number {
  return 2 * pollIntervalMs + 1000;
}

/**
 * Live or stale, from the gateway's verdict (freshness.stale) AND what this browser sees: a
 * dropped socket or a missing heartbeat makes data stale even if the last verdict said live.
 */
export function judgeLive(input: {
  connection: ConnectionEntry | undefined;
  freshness: FreshnessEntry | undefined;
  hasSnapshot: boolean;
  now: number;
}): LiveStatus {
  const { connection, freshness, hasSnapshot, now } = input;
  if (connection?.status === 'disconnected') {
    return hasSnapshot
      ? { state: 'stale', label: 'Disconnected', reason: 'disconnected from the gateway' }
      : { state: 'connecting', label: 'Disconnected', reason: null };
  }
  if (!connection || connection.status === 'connecting' || !hasSnapshot || !freshness)
    return { state: 'connecting', label: 'Connecting…', reason: null };

  const f = freshness.freshness;
  if (now - freshness.heardAt > heartbeatLimitMs(f.pollIntervalMs))
    return { state: 'stale', label: 'Stale', reason: `no heartbeat from the gateway since ${formatClock(freshness.heardAt)}` };
  if (f.stale) return { state: 'stale', label: 'Stale', reason: staleReason(f.reason, f.receivedAt) };
  return { state: 'live', label: 'Live', reason: null };
}

function staleReason(reason: FreshnessEntry['freshness']['reason'], receivedAt: string | null): string {
  switch (reason) {
    case 'model-services-unreachable':
      return 'model services unreachable';
    case 'no-new-data':
      return receivedAt ? `no new data since ${formatClock(receivedAt)}` : 'no new data';
    case 'no-data-yet':
      return 'no data yet';
    default:
      return 'the gateway marked the data stale';
  }
}
