import type { QueryClient } from '@tanstack/react-query';
import type { ZodError } from 'zod';
import { issuesOf } from '@/lib/validation';
import { serverEventSchemas, snapshotAckSchema, type LayerName, type LayerSnapshot } from '@/lib/protocol/socket';
import { stepDelta } from './delta-step';
import { liveKeys, type ConnectionEntry, type ConnectionStatus, type FreshnessEntry } from './keys';

/** The two requests that return a snapshot; both resolve with the raw, unvalidated ack. */
export interface SnapshotRequests {
  subscribe: (layer: LayerName) => Promise<unknown>;
  snapshot: (layer: LayerName) => Promise<unknown>;
}

export interface LiveSyncOptions {
  queryClient: QueryClient;
  layer: LayerName;
  requests: SnapshotRequests;
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
  stop: () => void;
}

function describe(error: ZodError): string {
  const first = issuesOf(error)[0];
  return first ? `${first.path || '(root)'}: ${first.message}` : 'invalid';
}

/**
 * Keeps the react-query cache in step with the gateway: snapshot on (re)connect, deltas applied
 * at the version they name, a fresh snapshot on any gap, freshness with the local time it came.
 * Socket-free so it runs in unit tests; socket.ts wires a real Socket.IO client to it.
 */
export function createLiveSync(opts: LiveSyncOptions): LiveSync {
  const { queryClient, layer, requests } = opts;
  const now = opts.now ?? Date.now;
  const warn = opts.warn ?? ((m: string) => console.warn(`[live] ${m}`));
  const retryMs = opts.retryMs ?? 2000;
  let isConnected = false;
  let pending = false;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const setConnection = (status: ConnectionStatus, reason?: string) =>
    queryClient.setQueryData<ConnectionEntry>(liveKeys.connection, { status, since: now(), ...(reason ? { reason } : {}) });
  const cached = () => queryClient.getQueryData<LayerSnapshot>(liveKeys.layer(layer));
  const setSnapshot = (s: LayerSnapshot) => queryClient.setQueryData<LayerSnapshot>(liveKeys.layer(layer), s);

  /** Ask for a whole snapshot (subscribe on connect, snapshot on a gap); one request at a time. */
  const request = (kind: keyof SnapshotRequests) => {
    if (pending || stopped || !isConnected) return;
    pending = true;
    requests[kind](layer).then(
      (raw) => {
        pending = false;
        const ack = snapshotAckSchema.safeParse(raw);
        if (!ack.success) return retry(kind, `invalid ${kind} ack (${describe(ack.error)})`);
        if (!ack.data.ok) return retry(kind, `${kind} refused: ${ack.data.error.message}`);
        setSnapshot(ack.data.snapshot);
        queryClient.setQueryData<FreshnessEntry>(liveKeys.freshness(layer), { freshness: ack.data.freshness, heardAt: now() });
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
      const parsed = serverEventSchemas.delta.safeParse(raw);
      if (!parsed.success) {
        warn(`invalid delta dropped (${describe(parsed.error)}); resyncing`);
        return request('snapshot');
      }
      if (parsed.data.layer !== layer) return;
      const step = stepDelta(cached(), parsed.data);
      if (step.kind === 'applied') setSnapshot(step.snapshot);
      else if (step.kind === 'resync') request('snapshot');
    },
    snapshot: (raw) => {
      const parsed = serverEventSchemas.snapshot.safeParse(raw);
      if (!parsed.success) {
        warn(`invalid snapshot dropped (${describe(parsed.error)}); resyncing`);
        return request('snapshot');
      }
      if (parsed.data.layer === layer) setSnapshot(parsed.data);
    },
    freshness: (raw) => {
      const parsed = serverEventSchemas.freshness.safeParse(raw);
      if (!parsed.success) return warn(`invalid freshness dropped (${describe(parsed.error)})`);
      if (parsed.data.layer !== layer) return;
      queryClient.setQueryData<FreshnessEntry>(liveKeys.freshness(layer), { freshness: parsed.data, heardAt: now() });
    },
    stop: () => {
      stopped = true;
      clearTimeout(retryTimer);
    },
  };
}
