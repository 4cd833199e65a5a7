import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLog } from '../realtime/log';
import { openPglite } from '../store/pglite';
import type { AuthAuditEntry } from './auth-audit';
import { AuthStore } from './auth-store';
import { authRoutes } from './http';
import { SignInThrottle, type ThrottleLimits } from './throttle';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const LIMITS: ThrottleLimits = { accountMaxFailures: 3, ipMaxFailures: 1000, windowMs: 900_000, lockoutMs: 900_000 };

async function start(limits: Partial<ThrottleLimits> = {}) {
  const store = await AuthStore.open(await openPglite(), { sessionTtlMs: 3600_000 });
  await store.createUser('admin@example.org', 'a long admin password', 'admin');
  await store.createUser('op@example.org', 'correct horse battery', 'operator');
  const ended: string[] = [];
  const audited: AuthAuditEntry[] = [];
  const throttle = new SignInThrottle(store.db, { ...LIMITS, ...limits });
  const routes = authRoutes({
    store,
    throttle,
    cookieSecure: false,
    onSessionsEnded: (rooms) => ended.push(...rooms),
    audit: async (e) => void audited.push(e),
    log: silentLog,
  });
  const server: Server = createServer((req, res) => {
    void routes.handle(req, res, new URL(req.url ?? '/', 'http://x').pathname).then((handled) => {
      if (!handled) res.writeHead(418).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanups.push(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await store.close();
  });
  const login = (email: string, password: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email, password }) });
  const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0];
  const send = (method: string, path: string, cookie: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return { url, store, login, cookieOf, ended, audited, send };
}

describe('sign-in over HTTP', () => {
  it('sets an httpOnly, SameSite session cookie for the right password', async () => {
    const { login } = await start();
    const res = await login('OP@example.org', 'correct horse battery');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ user: { email: 'op@example.org', role: 'operator' } });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^polis_session=[\w-]{20,}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
  });

  it('answers a wrong password with 401 and no cookie', async () => {
    const { login } = await start();
    const res = await login('op@example.org', 'wrong');
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('names the bad field of a malformed sign-in', async () => {
    const { login } = await start();
    const res = await login('not-an-email', 'x');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ issues: [{ path: 'email' }] });
  });

  it('redirects a form sign-in to the page it came from', async () => {
    const { url } = await start();
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'op@example.org', password: 'correct horse battery', next: '/kpi' }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/kpi');
  });

  it('never redirects a form sign-in to another site', async () => {
    const { url } = await start();
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'op@example.org', password: 'correct horse battery', next: '//evil.example/' }).toString(),
    });
    expect(res.headers.get('location')).toBe('/login?error=invalid');
  });

  it('refuses a sign-in posted from another site', async () => {
    const { login } = await start();
    const res = await login('op@example.org', 'correct horse battery', { origin: 'http://evil.example' });
    expect(res.status).toBe(403);
  });

  it('tells who is signed in, and no one after sign-out', async () => {
    const { url, login, cookieOf, ended } = await start();
    const cookie = cookieOf(await login('op@example.org', 'correct horse battery'));
    const me = await fetch(`${url}/api/auth/me`, { headers: { cookie } });
    expect(await me.json()).toMatchObject({ user: { email: 'op@example.org' } });
    const out = await fetch(`${url}/api/auth/logout`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect(ended).toHaveLength(1);
    expect((await fetch(`${url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('lets an admin create a user and refuses an operator', async () => {
    const { url, login, cookieOf } = await start();
    const body = JSON.stringify({ email: 'mia@example.org', password: 'a long manager password', role: 'manager' });
    const opCookie = cookieOf(await login('op@example.org', 'correct horse battery'));
    const refused = await fetch(`${url}/api/auth/users`, { method: 'POST', headers: { cookie: opCookie, 'content-type': 'application/json' }, body });
    expect(refused.status).toBe(403);
    const adminCookie = cookieOf(await login('admin@example.org', 'a long admin password'));
    const created = await fetch(`${url}/api/auth/users`, { method: 'POST', headers: { cookie: adminCookie, 'content-type': 'application/json' }, body });
    expect(created.status).toBe(201);
    expect((await login('mia@example.org', 'a long manager password')).status).toBe(200);
  });

  it('refuses a new user with a short password, naming the field', async () => {
    const { url, login, cookieOf } = await start();
    const cookie = cookieOf(await login('admin@example.org', 'a long admin password'));
    const res = await fetch(`${url}/api/auth/users`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'x@example.org', password: 'short', role: 'operator' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ issues: [{ path: 'password' }] });
  });
});

describe('sign-in hardening', () => {
  it('locks an account after the allowed failures and answers 429 with Retry-After, even to the right password', async () => {
    const { login } = await start();
    for (let i = 0; i < LIMITS.accountMaxFailures; i++) expect((await login('op@example.org', `wrong ${i}`)).status).toBe(401);
    const res = await login('op@example.org', 'correct horse battery');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('blocks an address that fails across many accounts', async () => {
    const { login } = await start({ ipMaxFailures: 4 });
    for (let i = 0; i < 4; i++) expect((await login(`guess${i}@example.org`, 'wrong password')).status).toBe(401);
    expect((await login('op@example.org', 'correct horse battery')).status).toBe(429);
  });

  it('answers an unknown email exactly as a wrong password, in comparable time', async () => {
    const { login } = await start({ accountMaxFailures: 100 });
    const answer = async (email: string) => {
      const t0 = performance.now();
      const res = await login(email, 'not the password');
      const ms = performance.now() - t0;
      return { status: res.status, body: await res.text(), cookie: res.headers.get('set-cookie'), ms };
    };
    await answer('warm-up@example.org');
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      const a = await answer('op@example.org');
      const b = await answer(`nobody${i}@example.org`);
      expect({ ...b, ms: 0 }).toEqual({ ...a, ms: 0 });
      known.push(a.ms);
      unknown.push(b.ms);
    }
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[2];
    // Both verify an Argon2id hash of the same cost; a skipped hash would be ~10x faster.
    expect(median(unknown) / median(known)).toBeGreaterThan(0.5);
    expect(median(unknown) / median(known)).toBeLessThan(2);
  });

  it('locks an unknown email just like a known one', async () => {
    const { login } = await start();
    const statuses = async (email: string) => {
      const out: number[] = [];
      for (let i = 0; i <= LIMITS.accountMaxFailures; i++) out.push((await login(email, 'not the password')).status);
      return out;
    };
    expect(await statuses('nobody@example.org')).toEqual(await statuses('op@example.org'));
  });

  it('rotates the session at sign-in: a new token, and the cookie brought along is revoked', async () => {
    const { url, login, cookieOf, ended } = await start();
    const first = cookieOf(await login('op@example.org', 'correct horse battery'));
    const second = cookieOf(await login('op@example.org', 'correct horse battery', { cookie: first }));
    expect(second).not.toBe(first);
    expect((await fetch(`${url}/api/auth/me`, { headers: { cookie: first } })).status).toBe(401);
    expect((await fetch(`${url}/api/auth/me`, { headers: { cookie: second } })).status).toBe(200);
    expect(ended).toHaveLength(1);
  });

  it('records sign-ins, failures, locks and sign-outs in the audit log, never the password', async () => {
    const { login, cookieOf, audited, send } = await start({ accountMaxFailures: 1 });
    await login('nobody@example.org', 'secret guess one');
    const cookie = cookieOf(await login('op@example.org', 'correct horse battery'));
    await send('POST', '/api/auth/logout', cookie, {});
    expect(audited.map((e) => [e.event, e.subject])).toEqual([
      ['auth.sign-in-failed', 'nobody@example.org'],
      ['auth.locked', 'nobody@example.org'],
      ['auth.sign-in', 'op@example.org'],
      ['auth.sign-out', 'op@example.org'],
    ]);
    const text = JSON.stringify(audited);
    expect(text).not.toContain('secret guess one');
    expect(text).not.toContain('correct horse battery');
  });
});

describe('user administration over HTTP', () => {
  const admin = async (limits: Partial<ThrottleLimits> = {}) => {
    const s = await start(limits);
    const cookie = s.cookieOf(await s.login('admin@example.org', 'a long admin password'));
    const users = async () => ((await (await s.send('GET', '/api/auth/users', cookie)).json()) as { users: Array<{ id: string; email: string; role: string; disabled: boolean; lastSignInAt: string | null }> }).users;
    const idOf = async (email: string) => (await users()).find((u) => u.email === email)?.id ?? '';
    return { ...s, cookie, users, idOf };
  };

  it('lists users with role, creation, last sign-in and disabled, and no password hash', async () => {
    const { users } = await admin();
    const list = await users();
    expect(list.map((u) => u.email).sort()).toEqual(['admin@example.org', 'op@example.org']);
    expect(list.find((u) => u.email === 'admin@example.org')).toMatchObject({ role: 'admin', disabled: false, lastSignInAt: expect.any(String) });
    expect(list.find((u) => u.email === 'op@example.org')).toMatchObject({ lastSignInAt: null });
    expect(JSON.stringify(list)).not.toContain('argon2');
  });

  it('disables a user: their sessions end and they cannot sign in', async () => {
    const { url, login, cookieOf, send, cookie, idOf, ended } = await admin();
    const opCookie = cookieOf(await login('op@example.org', 'correct horse battery'));
    const res = await send('PATCH', `/api/auth/users/${await idOf('op@example.org')}`, cookie, { disabled: true });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ user: { email: 'op@example.org', disabled: true } });
    expect(ended).toHaveLength(1);
    expect((await fetch(`${url}/api/auth/me`, { headers: { cookie: opCookie } })).status).toBe(401);
    const again = await login('op@example.org', 'correct horse battery');
    expect(again.status).toBe(403);
    expect(again.headers.get('set-cookie')).toBeNull();
  });

  it('enables a disabled user again', async () => {
    const { login, send, cookie, idOf } = await admin();
    const id = await idOf('op@example.org');
    await send('PATCH', `/api/auth/users/${id}`, cookie, { disabled: true });
    expect((await send('PATCH', `/api/auth/users/${id}`, cookie, { disabled: false })).status).toBe(200);
    expect((await login('op@example.org', 'correct horse battery')).status).toBe(200);
  });

  it('changes a role and ends the sessions that carried the old one', async () => {
    const { url, login, cookieOf, send, cookie, idOf } = await admin();
    const opCookie = cookieOf(await login('op@example.org', 'correct horse battery'));
    const res = await send('PATCH', `/api/auth/users/${await idOf('op@example.org')}`, cookie, { role: 'manager' });
    expect(await res.json()).toMatchObject({ user: { role: 'manager' } });
    expect((await fetch(`${url}/api/auth/me`, { headers: { cookie: opCookie } })).status).toBe(401);
  });

  it('refuses a change naming the bad field, and changes nothing', async () => {
    const { send, cookie, idOf, users } = await admin();
    const res = await send('PATCH', `/api/auth/users/${await idOf('op@example.org')}`, cookie, { role: 'emperor' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ issues: [{ path: 'role' }] });
    expect((await users()).find((u) => u.email === 'op@example.org')?.role).toBe('operator');
  });

  it('refuses an admin changing their own account', async () => {
    const { send, cookie, idOf } = await admin();
    expect((await send('PATCH', `/api/auth/users/${await idOf('admin@example.org')}`, cookie, { disabled: true })).status).toBe(409);
  });

  it('answers 404 for a user that does not exist', async () => {
    const { send, cookie } = await admin();
    expect((await send('PATCH', '/api/auth/users/5f0c6f9e-3b1a-4c55-9a47-2f7e0b0d9e11', cookie, { disabled: true })).status).toBe(404);
    expect((await send('PATCH', '/api/auth/users/not-a-uuid', cookie, { disabled: true })).status).toBe(404);
  });

  it('refuses a non-admin listing, creating or changing users', async () => {
    const { login, cookieOf, send, idOf } = await admin();
    const opCookie = cookieOf(await login('op@example.org', 'correct horse battery'));
    const id = await idOf('admin@example.org');
    expect((await send('GET', '/api/auth/users', opCookie)).status).toBe(403);
    expect((await send('POST', '/api/auth/users', opCookie, { email: 'x@example.org', password: 'a long password here', role: 'admin' })).status).toBe(403);
    expect((await send('PATCH', `/api/auth/users/${id}`, opCookie, { disabled: true })).status).toBe(403);
  });

  it('refuses anyone not signed in', async () => {
    const { send, idOf } = await admin();
    expect((await send('GET', '/api/auth/users', '')).status).toBe(401);
    expect((await send('PATCH', `/api/auth/users/${await idOf('op@example.org')}`, '', { disabled: true })).status).toBe(401);
  });

  it('refuses an admin change sent from another site, by Sec-Fetch-Site or by Origin', async () => {
    const { send, cookie, idOf, users } = await admin();
    const path = `/api/auth/users/${await idOf('op@example.org')}`;
    expect((await send('PATCH', path, cookie, { disabled: true }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await send('PATCH', path, cookie, { disabled: true }, { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await send('PATCH', path, cookie, { disabled: true }, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await users()).find((u) => u.email === 'op@example.org')?.disabled).toBe(false);
  });

  it('accepts an admin change the browser marks same-origin', async () => {
    const { url, send, cookie, idOf } = await admin();
    const res = await send('PATCH', `/api/auth/users/${await idOf('op@example.org')}`, cookie, { disabled: true }, { 'sec-fetch-site': 'same-origin', origin: url });
    expect(res.status).toBe(200);
  });

  it('records user creation, role changes and disabling in the audit log', async () => {
    const { send, cookie, idOf, audited } = await admin();
    await send('POST', '/api/auth/users', cookie, { email: 'mia@example.org', password: 'a long manager password', role: 'operator' });
    const id = await idOf('mia@example.org');
    await send('PATCH', `/api/auth/users/${id}`, cookie, { role: 'manager', disabled: true });
    expect(audited.filter((e) => e.event.startsWith('auth.user-')).map((e) => [e.event, e.actor, e.subject])).toEqual([
      ['auth.user-created', 'admin@example.org', 'mia@example.org'],
      ['auth.user-role-changed', 'admin@example.org', 'mia@example.org'],
      ['auth.user-disabled', 'admin@example.org', 'mia@example.org'],
    ]);
    expect(JSON.stringify(audited)).not.toContain('a long manager password');
  });
});
