import type { QueryClient } from '@tanstack/react-query';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, LayerName, ServerToClientEvents } from '@/lib/protocol/socket';
import { createLiveSync } from './live-sync';

export type PolisSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 10_000;

/**
 * The browser's one Socket.IO connection to the gateway (same origin, default path). It writes
 * what arrives into the react-query cache through createLiveSync; returns a function that
 * disconnects and stops.
 */
export function connectLive(queryClient: QueryClient, layer: LayerName = 'traffic'): () => void {
  // WebSocket only, like the gateway: no long-polling, no sticky sessions across gateways.
  const socket: PolisSocket = io({ transports: ['websocket'], autoConnect: false });
  const sync = createLiveSync({
    queryClient,
    layer,
    requests: {
      subscribe: (l) => socket.timeout(ACK_TIMEOUT_MS).emitWithAck('subscribe', { layer: l }),
      snapshot: (l) => socket.timeout(ACK_TIMEOUT_MS).emitWithAck('snapshot', { layer: l }),
    },
  });

  socket.on('connect', sync.connected);
  socket.on('disconnect', (reason) => sync.disconnected(reason));
  // Socket.IO keeps retrying on its own; until it gets through, nothing shown can be live.
  socket.on('connect_error', (err) => sync.disconnected(err.message));
  // Payloads are typed by the protocol but validated anyway: the wire is not the type system.
  socket.on('delta', (d: unknown) => sync.delta(d));
  socket.on('snapshot', (s: unknown) => sync.snapshot(s));
  socket.on('freshness', (f: unknown) => sync.freshness(f));

  sync.connecting();
  socket.connect();
  return () => {
    sync.stop();
    socket.removeAllListeners();
    socket.disconnect();
  };
}
