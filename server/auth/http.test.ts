import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLog } from '../realtime/log';
import { openPglite } from '../store/pglite';
import { AuthStore } from './auth-store';
import { authRoutes } from './http';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function start() {
  const store = await AuthStore.open(await openPglite(), { sessionTtlMs: 3600_000 });
  await store.createUser('admin@example.org', 'a long admin password', 'admin');
  await store.createUser('op@example.org', 'correct horse battery', 'operator');
  const signedOut: string[] = [];
  const routes = authRoutes({ store, cookieSecure: false, onSignOut: (t) => signedOut.push(t), log: silentLog });
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
  return { url, store, login, cookieOf, signedOut };
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
    const { url, login, cookieOf, signedOut } = await start();
    const cookie = cookieOf(await login('op@example.org', 'correct horse battery'));
    const me = await fetch(`${url}/api/auth/me`, { headers: { cookie } });
    expect(await me.json()).toMatchObject({ user: { email: 'op@example.org' } });
    const out = await fetch(`${url}/api/auth/logout`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect(signedOut).toHaveLength(1);
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
