import type { Freshness, LayerName } from '@/lib/protocol/socket';

/** What the gateway knows about a layer's source, from which freshness is judged. */
export interface SourceHealth {
  source: string | null;
  asOf: string | null;
  /** Wall-clock ms of the last poll that brought changed data. */
  receivedAtMs: number | null;
  /** Wall-clock ms of the last successful poll. */
  polledAtMs: number | null;
  /** Whether the most recent poll failed. */
  lastPollFailed: boolean;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Stale when the model services stopped answering, or answer but bring nothing new for longer
 * than staleAfterMs: the control room must never show old data as live.
 */
export function judgeFreshness(
  layer: LayerName,
  h: SourceHealth,
  nowMs: number,
  opts: { staleAfterMs: number; pollIntervalMs: number },
): Freshness {
  let reason: Freshness['reason'] = null;
  if (h.lastPollFailed) reason = 'model-services-unreachable';
  else if (h.receivedAtMs === null || h.asOf === null) reason = 'no-data-yet';
  else if (nowMs - h.receivedAtMs > opts.staleAfterMs) reason = 'no-new-data';
  return {
    layer,
    source: h.source,
    asOf: h.asOf,
    receivedAt: iso(h.receivedAtMs),
    polledAt: iso(h.polledAtMs),
    stale: reason !== null,
    reason,
    sentAt: new Date(nowMs).toISOString(),
    pollIntervalMs: opts.pollIntervalMs,
  };
}
