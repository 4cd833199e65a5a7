'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslations } from 'use-intl';
import { z } from 'zod';
import type { Action, ActionAck, ProposeRequest } from '@/lib/protocol/actions';
import type { ActionTarget } from '@/lib/protocol/actuation';
import { sessionUserSchema, type Role } from '@/lib/protocol/auth';
import { getJson } from '../data/get-json';
import { useOpsSocket } from '../live/shared-socket';
import type { SocketProblem } from '../live/socket-problem';
import { connectActions, NoAnswer, type ActionsConnection } from './actions-socket';
import { IntentKeys, settles } from './intent-keys';

/** The signed-in user (same query as the alerts panel: one request, one cache entry). */
const meQuery = {
  queryKey: ['me'],
  queryFn: ({ signal }: { signal: AbortSignal }) => getJson('/api/auth/me', z.object({ user: sessionUserSchema }), signal),
  staleTime: Infinity,
} as const;

export type SideTab = 'alerts' | 'actions';

export interface Selected {
  id: string;
  target: ActionTarget;
}

/** A request on its way, by intent, and the last error of each intent. */
type Intent = string;

export interface ActionsRoom {
  role: Role | undefined;
  /** Send a request for an intent (see intent-keys.ts); resolves with the action, or null after an error it has shown. */
  run: (intent: Intent, send: (conn: ActionsConnection, key: string) => Promise<ActionAck>) => Promise<Action | null>;
  pending: ReadonlySet<Intent>;
  errors: Readonly<Record<Intent, string>>;
  /** A problem of the connection or the list (not of one request). */
  problem: SocketProblem | null;
  /** The action previewed on the map (its target does not change, so the preview is built once). */
  selected: Selected | null;
  select: (action: Pick<Action, 'id' | 'target'> | null) => void;
  tab: SideTab;
  setTab: (tab: SideTab) => void;
}

const ActionsContext = createContext<ActionsRoom | null>(null);

/** Intent names, so buttons and their errors agree. */
export const intents = {
  propose: (req: Pick<ProposeRequest, 'kind'> & { target: string }) => `propose:${req.kind}:${req.target}`,
  approve: (id: string) => `approve:${id}`,
  reject: (id: string) => `reject:${id}`,
  execute: (id: string) => `execute:${id}`,
  rollback: (id: string) => `rollback:${id}`,
};

/**
 * The control room's actions: one listener on the shared /ops socket (filling the react-query
 * cache), the requests in flight and their errors, the action previewed on the map and which
 * side tab shows. The detail panels propose through it; the actions panel decides through it.
 */
export function ActionsProvider({ children }: { children: ReactNode }) {
  const t = useTranslations('actions');
  const queryClient = useQueryClient();
  const socket = useOpsSocket();
  const role = useQuery(meQuery).data?.user.role;
  const [problem, setProblem] = useState<SocketProblem | null>(null);
  const [pending, setPending] = useState<ReadonlySet<Intent>>(new Set());
  const [errors, setErrors] = useState<Readonly<Record<Intent, string>>>({});
  const [selected, setSelected] = useState<Selected | null>(null);
  const select = useCallback((a: Pick<Action, 'id' | 'target'> | null) => setSelected(a ? { id: a.id, target: a.target } : null), []);
  const [tab, setTab] = useState<SideTab>('alerts');
  const keys = useRef(new IntentKeys());
  // A ref, so run() stays one function while the connection comes and goes.
  const connRef = useRef<ActionsConnection | null>(null);

  useEffect(() => {
    if (!socket) return;
    const c = connectActions(queryClient, socket, setProblem);
    connRef.current = c;
    return () => {
      c.close();
      connRef.current = null;
    };
  }, [queryClient, socket]);

  const run = useCallback(async (intent: Intent, send: (conn: ActionsConnection, key: string) => Promise<ActionAck>): Promise<Action | null> => {
    const c = connRef.current;
    const fail = (message: string) => setErrors((e) => ({ ...e, [intent]: message }));
    if (!c) {
      fail(t('error.notConnected'));
      return null;
    }
    setPending((p) => new Set(p).add(intent));
    setErrors((e) => {
      const { [intent]: _gone, ...rest } = e;
      return rest;
    });
    try {
      const res = await send(c, keys.current.keyFor(intent));
      if (settles(res)) keys.current.settle(intent);
      if (res.ok) return res.action;
      // The code says what happened in the reader's language; the server's own words follow as detail.
      const detail = res.error.issues?.length ? `${res.error.message} (${res.error.issues.map((i) => `${i.path}: ${i.message}`).join('; ')})` : res.error.message;
      fail(t('error.refused', { reason: t(`error.code.${res.error.code}`), detail }));
      return null;
    } catch (err) {
      // No answer: the key is kept, so trying again cannot do it twice.
      fail(err instanceof NoAnswer ? t('error.noAnswer') : t('error.failed'));
      return null;
    } finally {
      setPending((p) => {
        const next = new Set(p);
        next.delete(intent);
        return next;
      });
    }
  }, [t]);

  const value = useMemo(
    (): ActionsRoom => ({ role, run, pending, errors, problem, selected, select, tab, setTab }),
    [role, run, pending, errors, problem, selected, select, tab],
  );
  return <ActionsContext.Provider value={value}>{children}</ActionsContext.Provider>;
}

export function useActionsRoom(): ActionsRoom {
  const v = useContext(ActionsContext);
  if (!v) throw new Error('useActionsRoom needs an ActionsProvider above it');
  return v;
}

/** For the map: the room's actions, or null on a page without them. */
export const useOptionalActionsRoom = (): ActionsRoom | null => useContext(ActionsContext);
