import type { Freshness, LayerName, LayerSnapshot } from '@/lib/protocol/socket';

/**
 * Query keys of what the socket writes into the react-query cache. The cache is the client's
 * only store of server data: components read these with useQuery, the socket fills them.
 */
export const liveKeys = {
  /** The layer's latest LiveSnapshot, kept current by deltas. */
  layer: (layer: LayerName) => ['layer', layer] as const,
  /** The layer's latest freshness and when this browser heard it (FreshnessEntry). */
  freshness: (layer: LayerName) => ['freshness', layer] as const,
  /** The socket's connection state (ConnectionEntry). */
  connection: ['connection'] as const,
  /** The part of the map the screen shows (an Area, or null for the whole city); see area.ts. */
  area: ['live-area'] as const,
};

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface ConnectionEntry {
  status: ConnectionStatus;
  /** Local wall-clock ms of the last change. */
  since: number;
  /** Why the socket is down (Socket.IO's reason or error message), when it is. */
  reason?: string;
}

export interface FreshnessEntry {
  freshness: Freshness;
  /**
   * Local wall-clock ms this browser received it: heartbeats are judged by the local clock,
   * so a skewed gateway clock cannot make old data look live.
   */
  heardAt: number;
}

/** What the last delta touched: its ids, and the version it was applied to. */
export interface LiveChange {
  since: number;
  ids: readonly string[];
}

/**
 * A layer as the cache holds it. Deltas are written into `items` in place (advanceSnapshot in
 * lib/protocol/delta.ts: copying 50,000 items a second is a long task), so each version is a new
 * object but shares `items` with the versions before it, back to the last whole snapshot.
 * Memoise on the snapshot (or its version), never on `items` alone. `changed` names what the
 * last delta touched; absent after a whole snapshot, when anything may have changed.
 */
export type LiveSnapshot<L extends LayerName = LayerName> = LayerSnapshot<L> & { changed?: LiveChange };
