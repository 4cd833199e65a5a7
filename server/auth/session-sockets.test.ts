import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '@/lib/protocol/auth';
import { namespaces } from '@/lib/protocol/namespaces';
import { silentLog } from '../realtime/log';
import { connectClient, connected, memoryAuthStore, startGateway, type Client } from '../realtime/test-stack';
import { authRoutes } from './http';
import { SignInThrottle } from './throttle';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

/**
 * The web process in small: a real gateway and the sign-in routes on one HTTP server, wired as
 * server/web/main.ts wires them. No model services: these tests are about sessions, and a
 * gateway that cannot poll still authenticates sockets.
 */
async function startWeb() {
  const store = await memoryAuthStore();
  cleanups.push(() => store.close());
  const gw = await startGateway('http://127.0.0.1:9', store);
  cleanups.push(gw.stop);
  const routes = authRoutes({
    store,
    throttle: new SignInThrottle(store.db, { accountMaxFailures: 10, ipMaxFailures: 30, windowMs: 900_000, lockoutMs: 900_000 }),
    cookieSecure: false,
    onSessionsEnded: (rooms) => gw.gateway.io.of(namespaces.ops).in(rooms).disconnectSockets(true),
    log: silentLog,
  });
  // Socket.IO answers its own path; everything else reaches the sign-in routes.
  gw.http.on('request', (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/socket.io/')) return;
    void routes.handle(req, res, path).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await store.createUser('admin@example.org', 'a long admin password', 'admin');
  await store.createUser('op@example.org', 'correct horse battery', 'operator');
  const post = (path: string, body: unknown, cookie = '', method = 'POST') =>
    fetch(`${gw.url}${path}`, { method, headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
  const signIn = async (email: string, password: string) => {
    const res = await post('/api/auth/login', { email, password });
    expect(res.status).toBe(200);
    return (res.headers.get('set-cookie') ?? '').split(';')[0].slice(SESSION_COOKIE.length + 1);
  };
  const socket = async (token: string) => {
    const client = connectClient(gw.url, '/ops', token);
    cleanups.push(async () => void client.disconnect());
    await connected(client);
    return client;
  };
  return { store, gw, post, signIn, socket };
}

const disconnection = (client: Client) => new Promise<string>((resolve) => client.once('disconnect', resolve));

describe('signing out ends the session everywhere it is used', () => {
  it('disconnects every socket of the session at sign-out, and the cookie opens no new one', async () => {
    const { post, signIn, socket, gw } = await startWeb();
    const token = await signIn('op@example.org', 'correct horse battery');
    const [a, b] = [await socket(token), await socket(token)];
    const gone = [disconnection(a), disconnection(b)];
    expect((await post('/api/auth/logout', {}, `${SESSION_COOKIE}=${token}`)).status).toBe(200);
    expect(await Promise.all(gone)).toEqual(['io server disconnect', 'io server disconnect']);
    const again = connectClient(gw.url, '/ops', token);
    cleanups.push(async () => void again.disconnect());
    await expect(connected(again)).rejects.toThrow('unauthorized');
  });

  it('leaves the sockets of the same user\'s other sessions alone', async () => {
    const { post, signIn, socket } = await startWeb();
    const [first, second] = [await signIn('op@example.org', 'correct horse battery'), await signIn('op@example.org', 'correct horse battery')];
    const [a, b] = [await socket(first), await socket(second)];
    const gone = disconnection(a);
    await post('/api/auth/logout', {}, `${SESSION_COOKIE}=${first}`);
    expect(await gone).toBe('io server disconnect');
    await new Promise((r) => setTimeout(r, 200));
    expect(b.connected).toBe(true);
  });

  it('disconnects a user\'s sockets when an admin disables them', async () => {
    const { post, signIn, socket, store } = await startWeb();
    const admin = await signIn('admin@example.org', 'a long admin password');
    const op = await socket(await signIn('op@example.org', 'correct horse battery'));
    const id = (await store.listUsers()).find((u) => u.email === 'op@example.org')?.id;
    const gone = disconnection(op);
    expect((await post(`/api/auth/users/${id}`, { disabled: true }, `${SESSION_COOKIE}=${admin}`, 'PATCH')).status).toBe(200);
    expect(await gone).toBe('io server disconnect');
  });

  it('disconnects the sockets of a session replaced at sign-in', async () => {
    const { gw, socket, signIn } = await startWeb();
    const token = await signIn('op@example.org', 'correct horse battery');
    const client = await socket(token);
    const gone = disconnection(client);
    const res = await fetch(`${gw.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${token}` },
      body: JSON.stringify({ email: 'op@example.org', password: 'correct horse battery' }),
    });
    expect(res.status).toBe(200);
    expect(await gone).toBe('io server disconnect');
  });
});
