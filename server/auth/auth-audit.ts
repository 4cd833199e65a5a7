/**
 * What sign-in and user administration write to the audit log (server/audit), through a hook so
 * this folder does not depend on where the log is stored. Never a password, token or session id.
 */
export type AuthAuditEvent =
  | 'auth.sign-in'
  | 'auth.sign-in-failed'
  | 'auth.locked'
  | 'auth.sign-out'
  | 'auth.user-created'
  | 'auth.user-role-changed'
  | 'auth.user-disabled'
  | 'auth.user-enabled';

export interface AuthAuditEntry {
  /** Who did it: the signed-in user's email, or null for someone not (yet) signed in. */
  actor: string | null;
  event: AuthAuditEvent;
  /** What it was done to: an account's email, or an address for an IP lock. */
  subject: string | null;
  detail: Record<string, string | number | boolean | null>;
}

export type AuthAudit = (entry: AuthAuditEntry) => Promise<void>;
