import type { IncomingMessage, ServerResponse } from 'node:http';
import { auditQuerySchema, type AuditEntry } from '@/lib/protocol/actions';
import type { Role, SessionUser } from '@/lib/protocol/auth';
import { issuesOf } from '@/lib/validation';
import type { Queryable } from '../store/sql';
import { listAudit } from './audit-log';

/** Who may read the audit log: managers (the actions they decide on) and admins (sign-ins, users). */
export const AUDIT_READERS: readonly Role[] = ['manager', 'admin'];

export interface AuditHttpOptions {
  db: Queryable;
  userOf: (req: IncomingMessage) => Promise<SessionUser | null>;
}

const send = (res: ServerResponse, status: number, body: string, type: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
};
const json = (res: ServerResponse, status: number, body: unknown) => send(res, status, JSON.stringify(body), 'application/json');

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading formula sign is neutralised for spreadsheets. */
function csvField(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function auditCsv(entries: readonly AuditEntry[]): string {
  const lines = ['seq,at,actor,event,subject,detail'];
  for (const e of entries) lines.push([String(e.seq), e.at, e.actor, e.event, e.subject ?? '', JSON.stringify(e.detail)].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * GET /api/audit?limit=&before=&format=json|csv, read-only: the log is append-only (the database
 * refuses edits and deletes) and no route writes to it. Any other method is 405.
 */
export function auditRoutes(opts: AuditHttpOptions) {
  return {
    /** true when the request was for the audit log (answered here). */
    handle: async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
      if (path !== '/api/audit') return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(res, 405, JSON.stringify({ error: 'the audit log is read-only' }), 'application/json', { allow: 'GET, HEAD' });
        return true;
      }
      const user = await opts.userOf(req);
      if (!user) {
        json(res, 401, { error: 'sign in first' });
        return true;
      }
      if (!AUDIT_READERS.includes(user.role)) {
        json(res, 403, { error: `the ${user.role} role may not read the audit log` });
        return true;
      }
      const params = Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams);
      const parsed = auditQuerySchema.safeParse(params);
      if (!parsed.success) {
        json(res, 400, { error: 'invalid audit query', issues: issuesOf(parsed.error) });
        return true;
      }
      const { limit, before, format } = parsed.data;
      const entries = await listAudit(opts.db, { limit, before });
      if (format === 'csv') send(res, 200, auditCsv(entries), 'text/csv; charset=utf-8', { 'content-disposition': 'attachment; filename="polis-audit.csv"' });
      else json(res, 200, { entries });
      return true;
    },
  };
}
