import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, type Role } from '@/lib/protocol/auth';
import { kpiReportSchema } from '@/lib/protocol/kpi';
import { sessionTokenOf } from '../../auth/http';
import { AuthStore } from '../../auth/auth-store';
import { openPglite } from '../../store/pglite';
import { sessionFor } from '../test-stack';
import { ActionStore } from './action-store';
import { actionsKpiRoutes } from './kpi-http';

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

async function setup() {
  // One connection for sessions and actions, as in the web process.
  const sql = await openPglite();
  stops.push(() => sql.close());
  const auth = await AuthStore.open(sql, { sessionTtlMs: 3600_000 });
  const actions = await ActionStore.open(sql);
  const routes = actionsKpiRoutes({ db: actions.db, userOf: (req) => auth.sessionUser(sessionTokenOf(req)), now: () => Date.parse('2026-11-24T08:00:00Z') });
  const server = createServer((req, res) => {
    void routes.handle(req, res, new URL(req.url ?? '/', 'http://x').pathname).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/kpi/actions`;
  const as = async (role: Role | null, query = '', init: RequestInit = {}) =>
    fetch(`${url}${query}`, { ...init, headers: role ? { cookie: `${SESSION_COOKIE}=${await sessionFor(auth, role)}` } : {} });
  return { as };
}

describe('GET /api/kpi/actions', () => {
  it('gives a manager the actions report', async () => {
    const { as } = await setup();
    const res = await as('manager', '?range=week');
    expect(res.status).toBe(200);
    expect(kpiReportSchema.parse(await res.json())).toMatchObject({ section: 'actions', range: 'week', step: 'hour' });
  });

  it('refuses an operator with 403', async () => {
    const { as } = await setup();
    expect((await as('operator')).status).toBe(403);
  });

  it('refuses someone not signed in with 401', async () => {
    const { as } = await setup();
    expect((await as(null)).status).toBe(401);
  });

  it('names the field of a bad query', async () => {
    const { as } = await setup();
    const res = await as('manager', '?range=custom&from=2026-11-01T00:00:00Z');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('to');
  });

  it('answers a POST with 405', async () => {
    const { as } = await setup();
    expect((await as('manager', '', { method: 'POST' })).status).toBe(405);
  });
});
