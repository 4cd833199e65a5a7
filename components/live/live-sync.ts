import type { QueryClient } from '@tanstack/react-query';
import type { LayerName } from '@/lib/protocol/socket';
import type { EventChecks } from './event-checks';
import { stepDelta } from './delta-step';
import { liveKeys, type ConnectionEntry, type ConnectionStatus, type FreshnessEntry, type LiveSnapshot } from './keys';

/** The two requests that return a snapshot; both resolve with the raw, unvalidated ack. */
export interface SnapshotRequests {
  subscribe: (layer: LayerName) => Promise<unknown>;
  snapshot: (layer: LayerName) => Promise<unknown>;
}

export interface LiveSyncOptions {
  queryClient: QueryClient;
  layer: LayerName;
  requests: SnapshotRequests;
  /** How payloads are checked: zodChecks (zod-checks.ts) in the control room. */
  checks: EventChecks;
  now?: () => number;
  warn?: (message: string) => void;
  /** Wait before asking again after a failed subscribe or snapshot request. */
  retryMs?: number;
}

/** What the socket feeds in; each call validates its payload and writes the cache. */
export interface LiveSync {
  connecting: () => void;
  connected: () => void;
  disconnected: (reason: string) => void;
  delta: (raw: unknown) => void;
  snapshot: (raw: unknown) => void;
  freshness: (raw: unknown) => void;
  /** Subscribe again (e.g. with a new area) on the open socket; the ack's snapshot replaces the cached one. */
  resubscribe: () => void;
  stop: () => void;
}

/**
 * Keeps the react-query cache in step with the gateway: snapshot on (re)connect, deltas applied
 * at the version they name, a fresh snapshot on any gap, freshness with the local time it came.
 * Socket-free so it runs in unit tests; socket.ts wires a real Socket.IO client to it.
 */
export function createLiveSync(opts: LiveSyncOptions): LiveSync {
  const { queryClient, layer, requests, checks } = opts;
  const now = opts.now ?? Date.now;
  const warn = opts.warn ?? ((m: string) => console.warn(`[live] ${m}`));
  const retryMs = opts.retryMs ?? 2000;
  let isConnected = false;
  let pending = false;
  /** A resubscribe asked for while a request was out: sent once that one is answered. */
  let again = false;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const setConnection = (status: ConnectionStatus, reason?: string) =>
    queryClient.setQueryData<ConnectionEntry>(liveKeys.connection, { status, since: now(), ...(reason ? { reason } : {}) });
  const cached = () => queryClient.getQueryData<LiveSnapshot>(liveKeys.layer(layer));
  // A whole snapshot is cached as it came (no `changed`: anything may have changed).
  const setSnapshot = (s: LiveSnapshot) => queryClient.setQueryData<LiveSnapshot>(liveKeys.layer(layer), s);

  /** Ask for a whole snapshot (subscribe on connect, snapshot on a gap); one request at a time. */
  const request = (kind: keyof SnapshotRequests) => {
    if (pending || stopped || !isConnected) return;
    pending = true;
    requests[kind](layer).then(
      (raw) => {
        pending = false;
        if (again) {
          // The area changed while this was out: its snapshot is of the old area.
          again = false;
          return request('subscribe');
        }
        const ack = checks.ack(raw);
        if (!ack.ok) return retry(kind, `invalid ${kind} ack (${ack.why})`);
        if (!ack.value.ok) return retry(kind, `${kind} refused: ${ack.value.error.message}`);
        setSnapshot(ack.value.snapshot);
        queryClient.setQueryData<FreshnessEntry>(liveKeys.freshness(layer), { freshness: ack.value.freshness, heardAt: now() });
      },
      (err: unknown) => {
        pending = false;
        retry(kind, `${kind} failed: ${err instanceof Error ? err.message : String(err)}`);
      },
    );
  };

  const retry = (kind: keyof SnapshotRequests, why: string) => {
    warn(why);
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => request(kind), retryMs);
  };

  return {
    connecting: () => setConnection('connecting'),
    connected: () => {
      isConnected = true;
      pending = false;
      again = false;
      setConnection('connected');
      // Re-subscribe on every (re)connect: rooms and versions may be gone on the gateway side.
      request('subscribe');
    },
    disconnected: (reason) => {
      isConnected = false;
      clearTimeout(retryTimer);
      setConnection('disconnected', reason);
    },
    delta: (raw) => {
      // Every sync hears every delta: leave another layer's to its own sync before checking it
      // (a 5,000-item traffic delta costs milliseconds to check; once is enough).
      if (ofAnotherLayer(raw, layer)) return;
      const parsed = checks.delta(raw);
      if (!parsed.ok) {
        warn(`invalid delta dropped (${parsed.why}); resyncing`);
        return request('snapshot');
      }
      if (parsed.value.layer !== layer) return;
      const step = stepDelta(cached(), parsed.value);
      if (step.kind === 'applied') setSnapshot(step.snapshot);
      else if (step.kind === 'resync') request('snapshot');
    },
    snapshot: (raw) => {
      if (ofAnotherLayer(raw, layer)) return;
      const parsed = checks.snapshot(raw);
      if (!parsed.ok) {
        warn(`invalid snapshot dropped (${parsed.why}); resyncing`);
        return request('snapshot');
      }
      if (parsed.value.layer === layer) setSnapshot(parsed.value);
    },
    freshness: (raw) => {
      const parsed = checks.freshness(raw);
      if (!parsed.ok) return warn(`invalid freshness dropped (${parsed.why})`);
      if (parsed.value.layer !== layer) return;
      queryClient.setQueryData<FreshnessEntry>(liveKeys.freshness(layer), { freshness: parsed.value, heardAt: now() });
    },
    resubscribe: () => {
      if (pending) again = true;
      else request('subscribe');
    },
    stop: () => {
      stopped = true;
      clearTimeout(retryTimer);
    },
  };
}

/** Names another layer than this one (a string compare: this module stays free of zod, see event-checks.ts). */
function ofAnotherLayer(raw: unknown, layer: LayerName): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const named = (raw as { layer?: unknown }).layer;
  return typeof named === 'string' && named !== layer;
}
