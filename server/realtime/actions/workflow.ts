import type { Action, ActionStatus, ImpactLevel } from '@/lib/protocol/actions';
import type { ActionKind, ActuationStatus } from '@/lib/protocol/actuation';
import { may, type Role } from '@/lib/protocol/auth';

/**
 * The action workflow as a pure state machine: each function takes an action as it is stored and
 * who asks, and returns the action as it must become (or why not). No I/O here: the store applies a
 * step inside the transaction that reads the row, the service sends what the field needs.
 *
 *   proposed → approved | rejected          (a manager: 'actions:approve')
 *   proposed → executing                     (low impact: an operator; high: a manager at once)
 *   approved → executing                     ('actions:trigger')
 *   approved → rejected                      (a manager changes their mind before it runs)
 *   executing → active | failed              (the field's answer; or completed / rolled-back if it
 *                                             had already ended when re-sent)
 *   active → completed | rolled-back         (at activeUntil; by a person or automatically)
 */

export type Actor = { email: string; role: Role } | 'system';
export const actorName = (a: Actor) => (a === 'system' ? 'system' : a.email);

export type StepError = { code: 'forbidden' | 'conflict'; message: string };
export type Step = { ok: true; action: Action; changed: boolean } | { ok: false; error: StepError };

const TERMINAL: ReadonlySet<ActionStatus> = new Set(['rejected', 'completed', 'rolled-back', 'failed']);
export const isTerminal = (s: ActionStatus) => TERMINAL.has(s);

const same = (action: Action): Step => ({ ok: true, action, changed: false });
const to = (action: Action, patch: Partial<Action>, at: string): Step => ({ ok: true, action: { ...action, ...patch, updatedAt: at }, changed: true });
const forbidden = (message: string): Step => ({ ok: false, error: { code: 'forbidden', message } });
const conflict = (a: Action, what: string): Step => ({ ok: false, error: { code: 'conflict', message: `cannot ${what} an action that is ${a.status}` } });

/** High-impact kinds need a manager's approval (ACTIONS_HIGH_IMPACT); decided once, at proposal. */
export const impactLevelOf = (kind: ActionKind, highImpact: readonly ActionKind[]): ImpactLevel => (highImpact.includes(kind) ? 'high' : 'low');

const mayDo = (actor: Actor, permission: Parameters<typeof may>[1]) => actor === 'system' || may(actor.role, permission);

export function approve(a: Action, actor: Actor, at: string): Step {
  if (!mayDo(actor, 'actions:approve')) return forbidden('only a manager may approve an action');
  if (a.status === 'approved') return same(a);
  if (a.status !== 'proposed') return conflict(a, 'approve');
  return to(a, { status: 'approved', decidedBy: actorName(actor), decidedAt: at }, at);
}

export function reject(a: Action, actor: Actor, at: string, reason: string | null): Step {
  if (!mayDo(actor, 'actions:approve')) return forbidden('only a manager may reject an action');
  if (a.status === 'rejected') return same(a);
  if (a.status !== 'proposed' && a.status !== 'approved') return conflict(a, 'reject');
  return to(a, { status: 'rejected', decidedBy: actorName(actor), decidedAt: at, reason }, at);
}

/**
 * Start executing: persisted (with the key) before the field is told. The same key again gives the
 * action as it is now, whatever it has become since: a retry never executes twice.
 */
export function execute(a: Action, storedKey: string | null, actor: Actor, key: string, at: string): Step {
  if (storedKey === key) return same(a);
  if (!mayDo(actor, 'actions:trigger')) return forbidden(`the ${actor === 'system' ? 'system' : actor.role} role may not execute actions`);
  if (a.status === 'approved') return to(a, { status: 'executing', executedBy: actorName(actor), executedAt: at }, at);
  if (a.status !== 'proposed') return conflict(a, 'execute');
  if (a.impactLevel === 'low') return to(a, { status: 'executing', executedBy: actorName(actor), executedAt: at }, at);
  // High impact: a manager triggering it at once is its approver too.
  if (!mayDo(actor, 'actions:approve')) return forbidden('a high-impact action needs a manager’s approval first');
  return to(a, { status: 'executing', decidedBy: actorName(actor), decidedAt: at, executedBy: actorName(actor), executedAt: at }, at);
}

/** The field acknowledged the actuation (or, re-sent, said it had already ended). */
export function acknowledged(a: Action, status: ActuationStatus, at: string): Step {
  if (a.status !== 'executing') return a.status === 'active' || isTerminal(a.status) ? same(a) : conflict(a, 'activate');
  const times = { activeFrom: status.appliedAt, activeUntil: status.endsAt };
  if (status.state === 'active') return to(a, { status: 'active', ...times }, at);
  const ended = status.state === 'ended' ? 'completed' : 'rolled-back';
  return to(a, { status: ended, ...times, endedAt: at, endedBy: 'system' }, at);
}

/** The field refused the plan (not a lost connection: that is retried). */
export function failed(a: Action, reason: string, at: string): Step {
  if (a.status !== 'executing') return a.status === 'failed' ? same(a) : conflict(a, 'fail');
  return to(a, { status: 'failed', reason: reason.slice(0, 1000), endedAt: at, endedBy: 'system' }, at);
}

export function completed(a: Action, at: string): Step {
  if (a.status !== 'active') return a.status === 'completed' ? same(a) : conflict(a, 'complete');
  return to(a, { status: 'completed', endedAt: at, endedBy: 'system' }, at);
}

/** May this actor roll it back now? Checked before the field is told, applied after it answered. */
export function mayRollBack(a: Action, actor: Actor): Step {
  if (!mayDo(actor, 'actions:trigger')) return forbidden(`the ${actor === 'system' ? 'system' : actor.role} role may not roll actions back`);
  if (a.status === 'rolled-back') return same(a);
  if (a.status !== 'active') return conflict(a, 'roll back');
  return { ok: true, action: a, changed: true };
}

export function rolledBack(a: Action, actor: Actor, reason: string | null, at: string): Step {
  const check = mayRollBack(a, actor);
  if (!check.ok || !check.changed) return check;
  return to(a, { status: 'rolled-back', endedAt: at, endedBy: actorName(actor), reason }, at);
}

/** One more observed point while active (kept to the schema's bound, oldest dropped). */
export function observed(a: Action, point: Action['observed'][number], at: string): Step {
  if (a.status !== 'active') return same(a);
  const last = a.observed[a.observed.length - 1];
  if (last && last.minute >= point.minute) return same(a);
  return to(a, { observed: [...a.observed, point].slice(-24 * 60) }, at);
}
