import type { Action } from '@/lib/protocol/actions';
import { may, type Role } from '@/lib/protocol/auth';

/** The buttons an action shows to a role now. */
export interface ActionRights {
  approve: boolean;
  reject: boolean;
  /** Execute: an approved action, a low-impact proposal, or (a manager) a proposal at once. */
  execute: boolean;
  /** A manager executing a proposal that was never approved: recorded as approved by them too. */
  executeAtOnce: boolean;
  rollback: boolean;
}

const none: ActionRights = { approve: false, reject: false, execute: false, executeAtOnce: false, rollback: false };

/**
 * What the workflow lets this role do to this action (lib/protocol/auth.ts `may`; the gateway
 * checks the same again). High-impact proposals need a manager; low-impact ones an operator may
 * execute directly; a manager may execute any proposal at once, or reject an approved one
 * before it runs (server/realtime/actions/workflow.ts).
 */
export function rightsOf(role: Role | undefined, a: Action): ActionRights {
  if (!role) return none;
  const approver = may(role, 'actions:approve');
  const trigger = may(role, 'actions:trigger');
  switch (a.status) {
    case 'proposed': {
      const direct = trigger && a.impactLevel === 'low';
      const atOnce = approver && !direct;
      return { ...none, approve: approver, reject: approver, execute: direct || atOnce, executeAtOnce: atOnce };
    }
    case 'approved':
      // A manager may still change their mind before it runs.
      return { ...none, execute: trigger, reject: approver };
    case 'active':
      return { ...none, rollback: trigger };
    default:
      return none;
  }
}
