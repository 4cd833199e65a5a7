/** Messages between the load benchmark (parent) and its client process, over Node's IPC channel. */

export type ClientKind = 'socket.io' | 'ws';

export type ToClients =
  | { cmd: 'connect'; kind: ClientKind; url: string; n: number; cookie?: string }
  | { cmd: 'collect' }
  | { cmd: 'disconnect' }
  | { cmd: 'exit' };

export type FromClients =
  | { type: 'connected'; n: number; failed: number; ms: number }
  /** Per delta version, the times (ms since the epoch) each client had applied it. */
  | { type: 'samples'; arrivals: Record<string, number[]>; gaps: number; invalid: number; snapshots: number }
  | { type: 'disconnected' };

/** Wall-clock ms with sub-millisecond resolution, comparable across processes on one machine. */
export const nowMs = () => performance.timeOrigin + performance.now();
