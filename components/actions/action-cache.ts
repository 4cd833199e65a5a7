import type { Action, ActionStatus } from '@/lib/protocol/actions';

/** Query key of the actions the socket keeps in the react-query cache (ActionBook). */
export const actionsKey = ['actions'] as const;

/** Actions by id, as this browser last heard of each. */
export type ActionBook = Readonly<Record<string, Action>>;

/**
 * Take in actions from the list, an ack or a live event: the newer version of each wins (an event
 * can overtake the list asked for before it, an ack can arrive after the broadcast), so a
 * transition is never undone on screen. Same updatedAt: the one with more observed points wins.
 */
export function mergeActions(book: ActionBook | undefined, incoming: readonly Action[]): ActionBook {
  const next: Record<string, Action> = { ...(book ?? {}) };
  let changed = false;
  for (const a of incoming) {
    const have = next[a.id];
    if (!have || a.updatedAt > have.updatedAt || (a.updatedAt === have.updatedAt && a.observed.length > have.observed.length)) {
      next[a.id] = a;
      changed = true;
    }
  }
  // Nothing newer: keep the same object, so nothing re-renders.
  return changed || !book ? next : book;
}

/** Where an action belongs in the panel. */
export type ActionGroup = 'proposals' | 'running' | 'history';

export const groupOf: Record<ActionStatus, ActionGroup> = {
  proposed: 'proposals',
  approved: 'proposals',
  executing: 'running',
  active: 'running',
  rejected: 'history',
  completed: 'history',
  'rolled-back': 'history',
  failed: 'history',
};

export interface GroupedActions {
  /** Waiting for a decision or for execution: newest first. */
  proposals: Action[];
  /** Executing or active: the most recently started first. */
  running: Action[];
  /** Rejected, completed, rolled back or failed: the most recently changed first. */
  history: Action[];
}

const newestFirst = (key: (a: Action) => string) => (a: Action, b: Action) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0);

/** The panel's three lists. */
export function groupActions(book: ActionBook | undefined): GroupedActions {
  const out: GroupedActions = { proposals: [], running: [], history: [] };
  for (const a of Object.values(book ?? {})) out[groupOf[a.status]].push(a);
  out.proposals.sort(newestFirst((a) => a.proposedAt));
  out.running.sort(newestFirst((a) => a.executedAt ?? a.updatedAt));
  out.history.sort(newestFirst((a) => a.updatedAt));
  return out;
}
