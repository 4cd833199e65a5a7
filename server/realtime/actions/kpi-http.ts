import type { IncomingMessage, ServerResponse } from 'node:http';
import { may, type SessionUser } from '@/lib/protocol/auth';
import { ACTIONS_KPI_PATH, kpiQuerySchema } from '@/lib/protocol/kpi';
import { issuesOf } from '@/lib/validation';
import type { Queryable } from '../../store/sql';
import { actionsReport } from './kpi';

export interface ActionsKpiHttpOptions {
  db: Queryable;
  userOf: (req: IncomingMessage) => Promise<SessionUser | null>;
  now?: () => number;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
};

/**
 * GET /api/kpi/actions?range&from&to&end&filter (managers): the actions KPI report. Served by the
 * web process because the actions live in its store, which the model services cannot read.
 */
export function actionsKpiRoutes(opts: ActionsKpiHttpOptions) {
  return {
    /** true when the request was for the actions report (answered here). */
    handle: async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
      if (path !== ACTIONS_KPI_PATH) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        json(res, 405, { error: { code: 'method-not-allowed', message: 'the actions report is read-only' } }, { allow: 'GET, HEAD' });
        return true;
      }
      const user = await opts.userOf(req);
      if (!user) {
        json(res, 401, { error: { code: 'unauthenticated', message: 'sign in first' } });
        return true;
      }
      if (!may(user.role, 'kpi:view')) {
        json(res, 403, { error: { code: 'forbidden', message: 'KPI reports are for managers' } });
        return true;
      }
      const parsed = kpiQuerySchema.safeParse(Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams));
      if (!parsed.success) {
        const issues = issuesOf(parsed.error);
        json(res, 400, { error: { code: 'bad-request', message: `invalid query: ${issues[0]?.path || '(root)'}: ${issues[0]?.message ?? 'invalid'}`, issues } });
        return true;
      }
      json(res, 200, await actionsReport(opts.db, parsed.data, (opts.now ?? Date.now)()));
      return true;
    },
  };
}
