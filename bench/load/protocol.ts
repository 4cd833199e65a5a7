/** Messages between a load benchmark (parent) and its client process, over Node's IPC channel. */
import type { LayerName } from '@/lib/protocol/socket';

export type ClientKind = 'socket.io' | 'ws';

/** How each Socket.IO client behaves; the defaults are gateway-load's: /ops, traffic only, no reconnect. */
export interface ClientShape {
  /** '/ops' (needs the session cookie) or '/public'. */
  namespace?: '/ops' | '/public';
  /** Layers subscribed on every (re)connect, whole city. */
  layers?: LayerName[];
  /** Ask for alerts:list and actions:list on every (re)connect, as the control room's panels do (/ops only). */
  lists?: boolean;
  /** Reconnect as a browser does (each disconnect is still counted); off: a lost client stays lost. */
  reconnect?: boolean;
}

export type ToClients =
  | ({ cmd: 'connect'; kind: ClientKind; url: string; n: number; cookie?: string } & ClientShape)
  | { cmd: 'collect' }
  | { cmd: 'disconnect' }
  | { cmd: 'exit' };

/** What went wrong at the clients since the last collect. */
export interface ClientTrouble {
  /** Sockets that lost their connection without being asked to (Socket.IO's reason counted). */
  disconnects: number;
  /** Handshakes refused or failed (connect_error), first connects and reconnects alike. */
  connectErrors: number;
  /** Acks that said ok: false, failed their schema, or did not come within the timeout. */
  errorAcks: number;
  /** The first few messages, for the report. */
  messages: string[];
}

export type FromClients =
  | { type: 'connected'; n: number; failed: number; ms: number }
  /**
   * Per `layer:version` of a delta, the times (ms since the epoch) each client had applied it;
   * events received by name; catch-up snapshots; version gaps; payloads failing their schema.
   */
  | {
      type: 'samples';
      arrivals: Record<string, number[]>;
      events: Record<string, number>;
      gaps: number;
      invalid: number;
      snapshots: number;
      trouble: ClientTrouble;
      /** CPU time (user + system) of the client process since it started, seconds. */
      cpuSeconds: number;
    }
  | { type: 'disconnected' };

/** Key of one delta in `arrivals`. */
export const arrivalKey = (layer: string, version: number) => `${layer}:${version}`;

/** Wall-clock ms with sub-millisecond resolution, comparable across processes on one machine. */
export const nowMs = () => performance.timeOrigin + performance.now();
