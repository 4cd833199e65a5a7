import { actionStatusSchema } from '@/lib/protocol/actions';
import type { AuthAuditEvent } from '@/server/auth/auth-audit';

/**
 * Every event name the server writes to the audit log: each action transition
 * (`action.<status>`, server/realtime/actions/service.ts), a refused action request, and what
 * sign-in and user administration record (server/auth/auth-audit.ts). Typed so that a new one
 * without a message fails the type check.
 */
export type AuditEvent = `action.${(typeof actionStatusSchema.options)[number] | 'refused'}` | AuthAuditEvent;

const AUTH_EVENTS: Record<AuthAuditEvent, true> = {
  'auth.sign-in': true,
  'auth.sign-in-failed': true,
  'auth.locked': true,
  'auth.sign-out': true,
  'auth.user-created': true,
  'auth.user-role-changed': true,
  'auth.user-disabled': true,
  'auth.user-enabled': true,
};

export const AUDIT_EVENTS: readonly AuditEvent[] = [
  ...actionStatusSchema.options.map((s) => `action.${s}` as const),
  'action.refused',
  ...(Object.keys(AUTH_EVENTS) as AuthAuditEvent[]),
];

/** Whether an event name from the server is one this client has a message for. */
export const isAuditEvent = (event: string): event is AuditEvent => (AUDIT_EVENTS as readonly string[]).includes(event);
