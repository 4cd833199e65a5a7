import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditQuerySchema } from '@/lib/protocol/actions';
import { createUserRequestSchema, loginRequestSchema, SESSION_COOKIE } from '@/lib/protocol/auth';
import { FUZZ_RUNS, inBatches, junkJson, junkObject, samples } from '@/lib/testing/fuzz';
import { appendAudit } from '../audit/audit-log';
import { auditRoutes } from '../audit/http';
import { silentLog } from '../realtime/log';
import { openPglite } from '../store/pglite';
import { keepAliveClient, tableDigest } from '../testing/fuzz-http';
import { auditToLog } from './audit-sink';
import { AuthStore } from './auth-store';
import { authRoutes, sessionTokenOf } from './http';
import { SignInThrottle } from './throttle';

let store: AuthStore;
let server: Server;
let client: ReturnType<typeof keepAliveClient>;
const cookies: Record<'admin' | 'manager' | 'operator', string> = { admin: '', manager: '', operator: '' };

beforeAll(async () => {
  store = await AuthStore.open(await openPglite(), { sessionTtlMs: 3600_000 });
  for (const role of ['admin', 'manager', 'operator'] as const) {
    const user = await store.createUser(`${role}@example.org`, 'a long enough password', role);
    cookies[role] = `${SESSION_COOKIE}=${await store.createSession(user.id)}`;
  }
  await appendAudit(store.db, { actor: 'admin@example.org', event: 'action.approved', subject: 'a1' });
  const throttle = new SignInThrottle(store.db, { accountMaxFailures: 5, ipMaxFailures: 100, windowMs: 900_000, lockoutMs: 900_000 });
  const auth = authRoutes({ store, throttle, cookieSecure: false, audit: auditToLog(store.db), log: silentLog });
  const audit = auditRoutes({ db: store.db, userOf: (req) => store.sessionUser(sessionTokenOf(req)) });
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    void (async () => {
      if (!(await auth.handle(req, res, path)) && !(await audit.handle(req, res, path))) res.writeHead(404).end();
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  client = keepAliveClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});

afterAll(async () => {
  client.close();
  await new Promise<void>((r) => server.close(() => r()));
  await store.close();
});

type Input = { method: string; path: string; body?: string; type?: string; cookie?: string };
const json = (j: unknown) => JSON.stringify(j) ?? 'null';
const who = fc.constantFrom<keyof typeof cookies | null>('admin', 'manager', 'operator', null);
const notJson = fc.string({ maxLength: 30 }).filter((s) => { try { JSON.parse(s); return false; } catch { return true; } });

const inputs = (): fc.Arbitrary<Input> =>
  fc.oneof(
    // Sign-in bodies the schema refuses (a well-formed wrong password is a throttled failure: not a bad input).
    fc.oneof(junkJson(), junkObject(['email', 'password', 'next'])).filter((b) => !loginRequestSchema.safeParse(b).success).map((b) => ({ method: 'POST', path: '/api/auth/login', body: json(b), type: 'application/json' })),
    fc.tuple(fc.constantFrom('/api/auth/login', '/api/auth/users'), notJson).map(([path, body]) => ({ method: 'POST', path, body, type: 'application/json', cookie: cookies.admin })),
    fc.tuple(fc.constantFrom('/api/auth/login', '/api/auth/users'), fc.constantFrom('text/plain', 'application/xml', '')).map(([path, type]) => ({ method: 'POST', path, body: '{}', type, cookie: cookies.admin })),
    // Users: created only from a valid body by an admin; changed only for an existing id.
    fc.tuple(who, fc.oneof(junkJson(), junkObject(['email', 'password', 'role']))).filter(([, b]) => !createUserRequestSchema.safeParse(b).success).map(([w, b]) => ({ method: 'POST', path: '/api/auth/users', body: json(b), type: 'application/json', cookie: w ? cookies[w] : undefined })),
    fc.tuple(who, fc.oneof(fc.uuid(), fc.string({ maxLength: 20 }).filter(Boolean).map(encodeURIComponent), fc.constantFrom('%', '%zz', '%E0%A4%A')), fc.oneof(junkJson(), junkObject(['role', 'disabled']))).map(([w, id, b]) => ({ method: 'PATCH', path: `/api/auth/users/${id}`, body: json(b), type: 'application/json', cookie: w ? cookies[w] : undefined })),
    fc.tuple(who, fc.constantFrom('GET', 'PUT', 'DELETE'), fc.constantFrom('/api/auth/login', '/api/auth/logout', '/api/auth/nope', '/api/auth/users')).filter(([w, m, p]) => !(m === 'GET' && p === '/api/auth/users' && w === 'admin')).map(([w, method, path]) => ({ method, path, cookie: w ? cookies[w] : undefined })),
    // Junk and stolen-looking cookies.
    fc.string({ maxLength: 80 }).map((c) => ({ method: 'GET', path: '/api/auth/me', cookie: `${SESSION_COOKIE}=${encodeURIComponent(c)}` })),
    // The audit log: bad queries from a reader, anything from others, any write.
    fc.tuple(who, fc.dictionary(fc.constantFrom('limit', 'before', 'format', 'x'), fc.oneof(fc.string({ maxLength: 8 }), fc.integer().map(String), fc.double().map(String)), { minKeys: 1, maxKeys: 3 }))
      .filter(([w, q]) => !(w === 'admin' || w === 'manager') || !auditQuerySchema.safeParse(q).success)
      .map(([w, q]) => ({ method: 'GET', path: `/api/audit?${new URLSearchParams(q).toString()}`, cookie: w ? cookies[w] : undefined })),
    fc.tuple(who, fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE')).map(([w, method]) => ({ method, path: '/api/audit', body: '{}', type: 'application/json', cookie: w ? cookies[w] : undefined })),
  );

describe('the sign-in, users and audit endpoints under generated bad requests', () => {
  it('refuse 10,000 bad requests with a 4xx that says why, and change no table', async () => {
    const list = samples(inputs());
    expect(list.length).toBeGreaterThanOrEqual(FUZZ_RUNS);
    const before = await tableDigest(store.db);
    const statuses: Record<number, number> = {};
    await inBatches(list, 100, async (input) => {
      const headers: Record<string, string> = { ...(input.type !== undefined && input.type !== '' ? { 'content-type': input.type } : {}), ...(input.cookie ? { cookie: input.cookie } : {}) };
      const res = await client.send(input.method, input.path, input.body, headers);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status < 400 || res.status >= 500) throw new Error(`expected a 4xx for ${JSON.stringify(input).slice(0, 300)}, got ${res.status}: ${res.body.slice(0, 200)}`);
      const body = JSON.parse(res.body) as { error: string; issues?: Array<{ path: string }> };
      expect(body.error.length).toBeGreaterThan(0);
      if (res.status === 400 && body.error.startsWith('invalid')) expect(body.issues?.length).toBeGreaterThan(0);
    });
    console.log('[fuzz] auth/audit statuses', statuses);
    expect(await tableDigest(store.db)).toEqual(before);
  }, 60_000);
});
