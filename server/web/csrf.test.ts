import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, connected, memoryAuthStore, sessionFor, startGateway, startSeededModels, type Client } from '../realtime/test-stack';
import { allowSocketRequest, refusedAsCrossSite } from './csrf';

const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

/** A web server whose one state is a counter every accepted request bumps: refused requests change nothing. */
async function counterServer() {
  let changes = 0;
  const server: Server = createServer((req, res) => {
    if (refusedAsCrossSite(req)) {
      res.writeHead(403).end();
      return;
    }
    if (req.method !== 'GET') changes++;
    res.writeHead(200).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  stops.push(() => new Promise<void>((r) => server.close(() => r())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, changes: () => changes };
}

describe('CSRF on the web process', () => {
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
    it(`refuses a cross-site ${method} by Origin and changes nothing`, async () => {
      const s = await counterServer();
      const res = await fetch(`${s.url}/api/anything`, { method, headers: { origin: 'https://evil.example' } });
      expect(res.status).toBe(403);
      expect(s.changes()).toBe(0);
    });
  }

  it('refuses a cross-site POST that names only Sec-Fetch-Site', async () => {
    const s = await counterServer();
    const res = await fetch(`${s.url}/api/auth/logout`, { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' } });
    expect(res.status).toBe(403);
    expect(s.changes()).toBe(0);
  });

  it('refuses a POST from an opaque "null" origin', async () => {
    const s = await counterServer();
    expect((await fetch(s.url, { method: 'POST', headers: { origin: 'null' } })).status).toBe(403);
  });

  it('accepts a POST from this site', async () => {
    const s = await counterServer();
    const res = await fetch(`${s.url}/api/auth/logout`, { method: 'POST', headers: { origin: s.url, 'sec-fetch-site': 'same-origin' } });
    expect(res.status).toBe(200);
    expect(s.changes()).toBe(1);
  });

  it('lets another site GET (links and images are not state changes)', async () => {
    const s = await counterServer();
    expect((await fetch(s.url, { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } })).status).toBe(200);
  });
});

describe('the Socket.IO handshake', { timeout: 60_000 }, () => {
  async function gatewayWithGuard() {
    const models = await startSeededModels();
    stops.push(() => models.stop());
    const auth = await memoryAuthStore();
    stops.push(() => auth.close());
    const gw = await startGateway(models.url, auth);
    stops.push(() => gw.stop());
    gw.gateway.io.engine.opts.allowRequest = allowSocketRequest;
    return { gw, auth };
  }
  const refusal = (c: Client) => new Promise<string>((resolve) => c.once('connect_error', (e) => resolve(e.message)));

  for (const ns of ['/public', '/ops'] as const) {
    it(`refuses a socket to ${ns} opened by another site's page, with a valid session too`, async () => {
      const { gw, auth } = await gatewayWithGuard();
      const token = ns === '/ops' ? await sessionFor(auth, 'manager') : undefined;
      const c = connectClient(gw.url, ns, undefined, { extraHeaders: { origin: 'https://evil.example', ...(token ? { cookie: `polis_session=${token}` } : {}) } });
      stops.push(() => void c.disconnect());
      expect(await refusal(c)).toBeTruthy();
      expect(c.connected).toBe(false);
    });
  }

  it('accepts a socket from a page of this site', async () => {
    const { gw } = await gatewayWithGuard();
    const c = connectClient(gw.url, '/public', undefined, { extraHeaders: { origin: gw.url } });
    stops.push(() => void c.disconnect());
    await connected(c);
    expect(c.connected).toBe(true);
  });
});
