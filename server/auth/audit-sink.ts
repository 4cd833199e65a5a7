import { appendAudit } from '../audit/audit-log';
import type { Queryable } from '../store/sql';
import type { AuthAudit } from './auth-audit';

/** Someone not signed in, as the audit log's actor (a failed or refused sign-in). */
export const ANONYMOUS_ACTOR = 'anonymous';

/** The auth routes' audit hook, writing to the web process's append-only audit log. */
export const auditToLog =
  (db: Queryable): AuthAudit =>
  async (e) => {
    await appendAudit(db, { actor: e.actor ?? ANONYMOUS_ACTOR, event: e.event, subject: e.subject, detail: e.detail });
  };
