import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { auditPageSchema } from '@/lib/protocol/actions';
import { SESSION_COOKIE, type Role } from '@/lib/protocol/auth';
import { sessionTokenOf } from '../auth/http';
import { memoryAuthStore, sessionFor } from '../realtime/test-stack';
import { appendAudit, listAudit } from './audit-log';
import { auditCsv, auditRoutes } from './http';

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

async function setup() {
  const auth = await memoryAuthStore();
  stops.push(() => auth.close());
  const routes = auditRoutes({ db: auth.db, userOf: (req) => auth.sessionUser(sessionTokenOf(req)) });
  const server = createServer((req, res) => {
    void routes.handle(req, res, new URL(req.url ?? '/', 'http://x').pathname).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/audit`;
  await appendAudit(auth.db, { actor: 'boss@polis.test', event: 'action.approved', subject: 'a1', detail: { note: 'says "yes", twice' } });
  await appendAudit(auth.db, { actor: 'op@polis.test', event: 'action.executing', subject: 'a1' });
  const as = async (role: Role | null, query = '', init: RequestInit = {}) =>
    fetch(`${url}${query}`, { ...init, headers: role ? { cookie: `${SESSION_COOKIE}=${await sessionFor(auth, role)}` } : {} });
  return { as, db: auth.db };
}

describe('GET /api/audit', () => {
  it('gives a manager the entries newest first as JSON', async () => {
    const { as } = await setup();
    const res = await as('manager');
    expect(res.status).toBe(200);
    const page = auditPageSchema.parse(await res.json());
    expect(page.entries.map((e) => e.event)).toEqual(['action.executing', 'action.approved']);
  });

  it('pages backwards from a sequence number', async () => {
    const { as } = await setup();
    const all = auditPageSchema.parse(await (await as('admin')).json()).entries;
    const older = auditPageSchema.parse(await (await as('admin', `?before=${all[0].seq}&limit=5`)).json()).entries;
    expect(older.map((e) => e.seq)).toEqual([all[1].seq]);
  });

  it('exports the log as CSV with quoted fields', async () => {
    const { as } = await setup();
    const res = await as('admin', '?format=csv');
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,actor,event,subject,detail');
    expect(lines[2]).toContain(',boss@polis.test,action.approved,a1,"{""note"":""says \\""yes\\"", twice""}"');
  });

  it('refuses operators and people not signed in', async () => {
    const { as } = await setup();
    expect((await as('operator')).status).toBe(403);
    expect((await as(null)).status).toBe(401);
  });

  it('refuses a bad query, naming the field', async () => {
    const { as } = await setup();
    const res = await as('manager', '?limit=0');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ issues: [{ path: 'limit' }] });
  });

  it('offers no way to edit or delete the log', async () => {
    const { as, db } = await setup();
    for (const method of ['DELETE', 'PUT', 'PATCH', 'POST']) expect((await as('admin', '', { method })).status).toBe(405);
    expect(await listAudit(db)).toHaveLength(2);
  });
});

describe('the audit CSV', () => {
  it('neutralises a cell a spreadsheet would run as a formula', () => {
    const csv = auditCsv([{ seq: 1, at: '2026-11-24T08:00:00.000Z', actor: '=HYPERLINK("x")', event: 'e', subject: null, detail: {} }]);
    expect(csv.split('\r\n')[1]).toBe(`1,2026-11-24T08:00:00.000Z,"'=HYPERLINK(""x"")",e,,{}`);
  });
});
