import type { QueryClient } from '@tanstack/react-query';
import { io, type Socket } from 'socket.io-client';
import { namespaces, UNAUTHORIZED, type NamespaceName } from '@/lib/protocol/namespaces';
import type { Area, ClientToServerEvents, LayerName, ServerToClientEvents } from '@/lib/protocol/socket';
import type { EventChecks } from './event-checks';
import { createLiveSync } from './live-sync';
import { shareOpsSocket, unshareOpsSocket } from './shared-socket';

export type PolisSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 10_000;

/**
 * The browser's one Socket.IO connection to the gateway (same origin, default path). It writes
 * what arrives into the react-query cache through createLiveSync; returns a function that
 * disconnects and stops.
 */
export interface LiveOptions {
  /** How payloads are checked (event-checks.ts). */
  checks: EventChecks;
  /** /ops for the signed-in control room (default), /public for the public views. */
  namespace?: NamespaceName;
  /** Called when the gateway refuses the session (signed out or expired). */
  onUnauthorized?: () => void;
  /** Only this part of the map (e.g. a screen zoomed into one district); the whole city by default. */
  area?: Area;
}

export interface LiveHandle {
  /** Show another part of the map (pan/zoom) or, with null, the whole city: re-subscribes on the open socket. */
  setArea: (area: Area | null) => void;
  /** Disconnect and stop writing the cache. */
  stop: () => void;
}

const sameArea = (a: Area | null, b: Area | null) =>
  a === b || (a !== null && b !== null && a.west === b.west && a.south === b.south && a.east === b.east && a.north === b.north);

export function connectLive(queryClient: QueryClient, layers: readonly LayerName[], opts: LiveOptions): LiveHandle {
  let area: Area | null = opts.area ?? null;
  // WebSocket only, like the gateway: no long-polling, no sticky sessions across gateways.
  // Same origin, so the browser sends the httpOnly session cookie with the handshake.
  const socket: PolisSocket = io(opts.namespace ?? namespaces.ops, { transports: ['websocket'], autoConnect: false });
  // Panels that emit on /ops (actions) use this socket rather than opening another.
  if ((opts.namespace ?? namespaces.ops) === namespaces.ops) shareOpsSocket(socket);
  // One sync per layer on the one socket: each keeps its own versions and resyncs on its own.
  const syncs = layers.map((layer) =>
    createLiveSync({
      queryClient,
      layer,
      checks: opts.checks,
      requests: {
        // Reads the area when sent: a reconnect subscribes with the area shown now.
        subscribe: (l) => socket.timeout(ACK_TIMEOUT_MS).emitWithAck('subscribe', { layer: l, ...(area ? { area } : {}) }),
        snapshot: (l) => socket.timeout(ACK_TIMEOUT_MS).emitWithAck('snapshot', { layer: l }),
      },
    }),
  );
  const each = (fn: (sync: (typeof syncs)[number]) => void) => syncs.forEach(fn);

  socket.on('connect', () => each((s) => s.connected()));
  socket.on('disconnect', (reason) => each((s) => s.disconnected(reason)));
  // Socket.IO keeps retrying on its own; until it gets through, nothing shown can be live.
  socket.on('connect_error', (err) => {
    each((s) => s.disconnected(err.message));
    // Retrying cannot help a refused session; only signing in again can.
    if (err.message === UNAUTHORIZED) {
      socket.disconnect();
      opts.onUnauthorized?.();
    }
  });
  // Payloads are typed by the protocol but validated anyway: the wire is not the type system.
  // Each sync ignores other layers' events.
  socket.on('delta', (d: unknown) => each((s) => s.delta(d)));
  socket.on('snapshot', (snap: unknown) => each((s) => s.snapshot(snap)));
  socket.on('freshness', (f: unknown) => each((s) => s.freshness(f)));

  each((s) => s.connecting());
  socket.connect();
  return {
    setArea: (next) => {
      if (sameArea(area, next)) return;
      area = next;
      // Subscribing again replaces the area on the gateway; no reconnect, versions carry on.
      each((s) => s.resubscribe());
    },
    stop: () => {
      each((s) => s.stop());
      unshareOpsSocket(socket);
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
