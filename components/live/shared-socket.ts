import { useSyncExternalStore } from 'react';
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@/lib/protocol/socket';

type OpsSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The control room's one /ops socket, opened by the live connection (socket.ts), for the panels
 * that also talk to the gateway (actions): they add their own listeners and emit on it instead
 * of opening a second connection with its own handshake and session check.
 */
let current: OpsSocket | null = null;
const listeners = new Set<() => void>();

export function shareOpsSocket(socket: OpsSocket | null): void {
  if (current === socket) return;
  current = socket;
  for (const l of listeners) l();
}

/** Forget the socket only if it is still the shared one (a newer connection may have replaced it). */
export function unshareOpsSocket(socket: OpsSocket): void {
  if (current === socket) shareOpsSocket(null);
}

export const sharedOpsSocket = (): OpsSocket | null => current;

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};

/** The shared /ops socket, or null while the live connection is not mounted. */
export function useOpsSocket(): OpsSocket | null {
  return useSyncExternalStore(subscribe, sharedOpsSocket, () => null);
}
