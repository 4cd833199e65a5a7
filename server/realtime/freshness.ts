import type { z } from 'zod';
import type { Freshness, LayerName, sourceHealthSchema } from '@/lib/protocol/socket';

/**
 * What the gateway knows about a layer's source, from which freshness is judged: source, asOf,
 * receivedAtMs (wall-clock ms of the last poll that brought changed data), polledAtMs (of the
 * last successful poll) and lastPollFailed. Shared between gateways, so its schema is in lib.
 */
export type SourceHealth = z.infer<typeof sourceHealthSchema>;

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
