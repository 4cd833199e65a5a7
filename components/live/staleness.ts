import type { ConnectionEntry, FreshnessEntry } from './keys';

export type LiveState = 'live' | 'stale' | 'connecting';

/** Which short word the status line shows (a message key: map.live.*). */
export type LiveLabel = 'live' | 'stale' | 'connecting' | 'disconnected';

/** Why data is stale, as data: the page says it in its language (map.why.*). */
export type StaleWhy =
  | { kind: 'disconnected' }
  | { kind: 'noHeartbeat'; since: number }
  | { kind: 'modelServicesUnreachable' }
  | { kind: 'noNewData'; since: string | null }
  | { kind: 'noDataYet' }
  | { kind: 'gateway' };

export interface LiveStatus {
  state: LiveState;
  label: LiveLabel;
  /** Why it is stale; null when live or connecting. Pages say it in their language (stale-text.ts). */
  why: StaleWhy | null;
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
    return hasSnapshot ? stale('disconnected', { kind: 'disconnected' }) : { state: 'connecting', label: 'disconnected', why: null };
  }
  if (!connection || connection.status === 'connecting' || !hasSnapshot || !freshness)
    return { state: 'connecting', label: 'connecting', why: null };

  const f = freshness.freshness;
  if (now - freshness.heardAt > heartbeatLimitMs(f.pollIntervalMs)) return stale('stale', { kind: 'noHeartbeat', since: freshness.heardAt });
  if (f.stale) return stale('stale', staleWhy(f.reason, f.receivedAt));
  return { state: 'live', label: 'live', why: null };
}

const stale = (label: LiveLabel, why: StaleWhy): LiveStatus => ({ state: 'stale', label, why });

function staleWhy(reason: FreshnessEntry['freshness']['reason'], receivedAt: string | null): StaleWhy {
  switch (reason) {
    case 'model-services-unreachable':
      return { kind: 'modelServicesUnreachable' };
    case 'no-new-data':
      return { kind: 'noNewData', since: receivedAt };
    case 'no-data-yet':
      return { kind: 'noDataYet' };
    default:
      return { kind: 'gateway' };
  }
}

