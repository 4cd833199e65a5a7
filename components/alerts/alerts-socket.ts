import type { QueryClient } from '@tanstack/react-query';
import { io, type Socket } from 'socket.io-client';
import { alertAckAckSchema, alertSchema, alertsListAckSchema, type AlertAckAck } from '@/lib/protocol/alerts';
import { namespaces, type ClientToServerEvents, type ServerToClientEvents } from '@/lib/protocol/socket';
import { alertsKey, mergeAlerts, type AlertBook } from './alert-cache';

type AlertsSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 10_000;

export interface AlertsConnection {
  acknowledge: (id: string) => Promise<AlertAckAck>;
  close: () => void;
}

/**
 * The alerts' own /ops connection: on every (re)connect it lists the alerts, then keeps them
 * current from `alert` events, in the react-query cache. Its own socket keeps the layer sync
 * (components/live) untouched; the gateway answers both the same way.
 */
export function connectAlerts(queryClient: QueryClient, onError: (message: string | null) => void): AlertsConnection {
  const socket: AlertsSocket = io(namespaces.ops, { transports: ['websocket'], autoConnect: false, forceNew: true });
  const take = (alerts: Parameters<typeof mergeAlerts>[1]) => queryClient.setQueryData<AlertBook>(alertsKey, (book) => mergeAlerts(book, alerts));

  socket.on('connect', () => {
    socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('alerts:list', { limit: 200 })
      .then((raw: unknown) => {
        const res = alertsListAckSchema.safeParse(raw);
        if (!res.success) return onError('the gateway sent an invalid alert list');
        if (!res.data.ok) return onError(res.data.error.message);
        take(res.data.alerts);
        onError(null);
      })
      .catch(() => onError('alerts did not answer'));
  });
  socket.on('connect_error', (err) => onError(`alerts unavailable: ${err.message}`));
  // Validated although typed: the wire is not the type system.
  socket.on('alert', (raw: unknown) => {
    const a = alertSchema.safeParse(raw);
    if (a.success) take([a.data]);
  });
  socket.connect();

  return {
    acknowledge: async (id) => {
      const raw: unknown = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('alerts:acknowledge', { id });
      const res = alertAckAckSchema.parse(raw);
      if (res.ok) take([res.alert]);
      return res;
    },
    close: () => {
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
