import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { z } from 'zod';
import {
  clientEventSchemas,
  roomOf,
  type ClientToServerEvents,
  type Freshness,
  layerNames,
  type LayerName,
  type LayerSnapshot,
  type ServerToClientEvents,
  type SnapshotAck,
  type SocketError,
} from '@/lib/protocol/socket';
import { issuesOf } from '@/lib/validation';
import { judgeFreshness, type SourceHealth } from './freshness';
import { LayerState } from './layer-state';
import { startPoller } from './poller';

type ClientEvent = keyof typeof clientEventSchemas;
type ErrorAck = (res: { ok: false; error: SocketError }) => void;

/** Validate an event's payload with its schema; a bad one gets an error ack naming the field. */
function withValid<E extends ClientEvent>(
  event: E,
  payload: unknown,
  ack: unknown,
  handle: (data: z.infer<(typeof clientEventSchemas)[E]>) => void,
): void {
  // Without an ack there is no one to answer; the event is dropped.
  if (typeof ack !== 'function') return;
  const parsed = clientEventSchemas[event].safeParse(payload);
  if (!parsed.success) {
    (ack as ErrorAck)({ ok: false, error: { code: 'bad-request', message: `invalid ${event} request`, issues: issuesOf(parsed.error) } });
    return;
  }
  handle(parsed.data);
}

export interface GatewayOptions {
  modelsUrl: string;
  pollIntervalMs: number;
  staleAfterMs: number;
  log?: (line: string) => void;
}

export type PolisServer = Server<ClientToServerEvents, ServerToClientEvents>;

export interface Gateway {
  io: PolisServer;
  freshness: (layer: LayerName) => Freshness;
  close: () => Promise<void>;
}

/**
 * The realtime gateway: polls the model services, keeps the latest versioned snapshot of each
 * layer, and fans out deltas to the sockets subscribed to that layer's room.
 */
export function createGateway(httpServer: HttpServer, opts: GatewayOptions): Gateway {
  const log = opts.log ?? ((line: string) => console.log(`[gateway] ${line}`));
  const io: PolisServer = new Server(httpServer, {
    // WebSocket only: no long-polling means no sticky sessions when several gateways run.
    transports: ['websocket'],
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: true },
  });

  const layers = new Map<LayerName, LayerState>(layerNames.map((name) => [name, new LayerState(name)]));
  const health = new Map<LayerName, SourceHealth>(
    layerNames.map((name) => [name, { source: null, asOf: null, receivedAtMs: null, polledAtMs: null, lastPollFailed: false }]),
  );
  const healthOf = (layer: LayerName) => health.get(layer) as SourceHealth;
  const stateOf = (layer: LayerName) => layers.get(layer) as LayerState;
  const freshnessOpts = { staleAfterMs: opts.staleAfterMs, pollIntervalMs: opts.pollIntervalMs };
  const freshness = (layer: LayerName) => judgeFreshness(layer, healthOf(layer), Date.now(), freshnessOpts);
  let downSince: number | null = null;

  const poller = startPoller({
    modelsUrl: opts.modelsUrl,
    intervalMs: opts.pollIntervalMs,
    layers: layerNames,
    onState: (layer, state) => {
      const now = Date.now();
      if (downSince !== null) log(`model services back after ${((now - downSince) / 1000).toFixed(1)} s`);
      downSince = null;
      const h = healthOf(layer);
      h.lastPollFailed = false;
      h.polledAtMs = now;
      const delta = stateOf(layer).update(state);
      if (delta) {
        h.receivedAtMs = now;
        h.asOf = state.asOf;
        h.source = state.source;
        io.to(roomOf(layer)).emit('delta', delta);
      }
    },
    onError: (layer, err) => {
      if (downSince === null) {
        downSince = Date.now();
        log(`model services unreachable, serving last good state as stale: ${err.message}`);
      }
      healthOf(layer).lastPollFailed = true;
    },
  });

  // A heartbeat independent of polling, so screens learn of staleness even while polls back off.
  const heartbeat = setInterval(() => {
    for (const layer of layerNames) io.to(roomOf(layer)).emit('freshness', freshness(layer));
  }, opts.pollIntervalMs);

  const snapshotAck = (layer: LayerName): SnapshotAck => ({ ok: true, snapshot: stateOf(layer).snapshot as LayerSnapshot, freshness: freshness(layer) });

  io.on('connection', (socket) => {
    socket.on('subscribe', (req, ack) =>
      withValid('subscribe', req, ack, ({ layer }) => {
        // Join and answer in the same tick: no delta can slip in between the snapshot and the room.
        void socket.join(roomOf(layer));
        ack(snapshotAck(layer));
      }),
    );
    socket.on('unsubscribe', (req, ack) =>
      withValid('unsubscribe', req, ack, ({ layer }) => {
        void socket.leave(roomOf(layer));
        ack({ ok: true });
      }),
    );
    socket.on('snapshot', (req, ack) => withValid('snapshot', req, ack, ({ layer }) => ack(snapshotAck(layer))));
  });

  return {
    io,
    freshness,
    close: async () => {
      poller.stop();
      clearInterval(heartbeat);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
