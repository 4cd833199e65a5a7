import type { QueryClient } from '@tanstack/react-query';
import type { Socket } from 'socket.io-client';
import { alertAckAckSchema, alertSchema, alertsListAckSchema, type AlertAckAck } from '@/lib/protocol/alerts';
import type { ClientToServerEvents, ServerToClientEvents } from '@/lib/protocol/socket';
import type { SocketProblem } from '../live/socket-problem';
import { alertsKey, mergeAlerts, type AlertBook } from './alert-cache';

type AlertsSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 10_000;

export interface AlertsConnection {
  acknowledge: (id: string) => Promise<AlertAckAck>;
  close: () => void;
}

/**
 * The alerts on the control room's shared /ops socket (components/live/shared-socket.ts): on every
 * (re)connect it lists the alerts, then keeps them current from `alert` events, in the react-query
 * cache. It adds its own listeners only; the socket belongs to the live connection.
 */
export function connectAlerts(queryClient: QueryClient, socket: AlertsSocket, onError: (problem: SocketProblem | null) => void): AlertsConnection {
  const take = (alerts: Parameters<typeof mergeAlerts>[1]) => queryClient.setQueryData<AlertBook>(alertsKey, (book) => mergeAlerts(book, alerts));

  const list = () => {
    socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('alerts:list', { limit: 200 })
      .then((raw: unknown) => {
        const res = alertsListAckSchema.safeParse(raw);
        if (!res.success) return onError({ kind: 'invalid' });
        if (!res.data.ok) return onError({ kind: 'refused', code: res.data.error.code, detail: res.data.error.message });
        take(res.data.alerts);
        onError(null);
      })
      .catch(() => onError({ kind: 'noAnswer' }));
  };
  const onConnectError = (err: Error) => onError({ kind: 'unavailable', detail: err.message });
  // Validated although typed: the wire is not the type system.
  const onAlert = (raw: unknown) => {
    const a = alertSchema.safeParse(raw);
    if (a.success) take([a.data]);
  };
  socket.on('connect', list);
  socket.on('connect_error', onConnectError);
  socket.on('alert', onAlert);
  // The live connection may have connected before the panel mounted.
  if (socket.connected) list();

  return {
    acknowledge: async (id) => {
      const raw: unknown = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('alerts:acknowledge', { id });
      const res = alertAckAckSchema.parse(raw);
      if (res.ok) take([res.alert]);
      return res;
    },
    close: () => {
      socket.off('connect', list);
      socket.off('connect_error', onConnectError);
      socket.off('alert', onAlert);
    },
  };
}
