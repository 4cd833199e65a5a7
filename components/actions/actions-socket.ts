import type { QueryClient } from '@tanstack/react-query';
import type { Socket } from 'socket.io-client';
import { actionAckSchema, actionSchema, actionsListAckSchema, type Action, type ActionAck, type ProposeRequest } from '@/lib/protocol/actions';
import type { ClientToServerEvents, ServerToClientEvents } from '@/lib/protocol/socket';
import type { SocketProblem } from '../live/socket-problem';
import { actionsKey, mergeActions, type ActionBook } from './action-cache';

type OpsSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 15_000;
/** Proposing runs the optimiser and the twin forward twice: give it longer. */
const PROPOSE_TIMEOUT_MS = 60_000;

/** The gateway did not answer in time (or the socket was down): the request may or may not have arrived. */
export class NoAnswer extends Error {
  constructor(what: string) {
    super(`${what} got no answer from the gateway; try again`);
  }
}

export interface ActionsConnection {
  propose: (req: ProposeRequest) => Promise<ActionAck>;
  approve: (id: string, reason?: string) => Promise<ActionAck>;
  reject: (id: string, reason: string) => Promise<ActionAck>;
  execute: (id: string, idempotencyKey: string) => Promise<ActionAck>;
  rollback: (id: string, reason?: string) => Promise<ActionAck>;
  /** Stop listening; the socket itself belongs to the live connection and stays open. */
  close: () => void;
}

/**
 * The actions on the control room's shared /ops socket: on every (re)connect it lists them, then
 * keeps them current from `action` events, in the react-query cache; requests' acks go into the
 * cache too (the broadcast of the same transition may come before or after). Every payload is
 * checked with its lib/protocol schema: the wire is not the type system.
 */
export function connectActions(queryClient: QueryClient, socket: OpsSocket, onProblem: (problem: SocketProblem | null) => void): ActionsConnection {
  const take = (actions: readonly Action[]) => queryClient.setQueryData<ActionBook>(actionsKey, (book) => mergeActions(book, actions));

  const list = () => {
    socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('actions:list', { limit: 200 })
      .then((raw: unknown) => {
        const res = actionsListAckSchema.safeParse(raw);
        if (!res.success) return onProblem({ kind: 'invalid' });
        if (!res.data.ok) return onProblem({ kind: 'refused', code: res.data.error.code, detail: res.data.error.message });
        take(res.data.actions);
        onProblem(null);
      })
      .catch(() => onProblem({ kind: 'noAnswer' }));
  };
  const onAction = (raw: unknown) => {
    const a = actionSchema.safeParse(raw);
    if (a.success) take([a.data]);
  };
  socket.on('connect', list);
  socket.on('action', onAction);
  // The live connection may have connected before this panel mounted.
  if (socket.connected) list();

  const ask = async (what: string, send: () => Promise<unknown>): Promise<ActionAck> => {
    let raw: unknown;
    try {
      raw = await send();
    } catch {
      throw new NoAnswer(what);
    }
    const res = actionAckSchema.safeParse(raw);
    if (!res.success) throw new Error(`the gateway's answer to ${what} was not understood`);
    if (res.data.ok) take([res.data.action]);
    return res.data;
  };

  return {
    propose: (req) => ask('proposing', () => socket.timeout(PROPOSE_TIMEOUT_MS).emitWithAck('actions:propose', req)),
    approve: (id, reason) => ask('approving', () => socket.timeout(ACK_TIMEOUT_MS).emitWithAck('actions:approve', reason ? { id, reason } : { id })),
    reject: (id, reason) => ask('rejecting', () => socket.timeout(ACK_TIMEOUT_MS).emitWithAck('actions:reject', { id, reason })),
    execute: (id, idempotencyKey) => ask('executing', () => socket.timeout(ACK_TIMEOUT_MS).emitWithAck('actions:execute', { id, idempotencyKey })),
    rollback: (id, reason) => ask('rolling back', () => socket.timeout(ACK_TIMEOUT_MS).emitWithAck('actions:rollback', reason ? { id, reason } : { id })),
    close: () => {
      socket.off('connect', list);
      socket.off('action', onAction);
    },
  };
}
