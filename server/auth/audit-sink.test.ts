import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit } from '../audit/audit-log';
import { silentLog } from '../realtime/log';
import { openPglite } from '../store/pglite';
import { AuthStore } from './auth-store';
import { ANONYMOUS_ACTOR, auditToLog } from './audit-sink';
import { authRoutes } from './http';
import { SignInThrottle } from './throttle';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('sign-ins in the audit log', () => {
  it('lands each sign-in and failed sign-in in the append-only log, without the password', async () => {
    const sql = await openPglite();
    const store = await AuthStore.open(sql, { sessionTtlMs: 3600_000 });
    await store.createUser('op@example.org', 'correct horse battery', 'operator');
    const throttle = new SignInThrottle(store.db, { accountMaxFailures: 10, ipMaxFailures: 30, windowMs: 900_000, lockoutMs: 900_000 });
    const routes = authRoutes({ store, throttle, cookieSecure: false, audit: auditToLog(sql), log: silentLog });
    const server = createServer((req, res) => void routes.handle(req, res, new URL(req.url ?? '/', 'http://x').pathname));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await store.close();
    });
    const login = (password: string) =>
      fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'op@example.org', password }),
      });
    await login('a wrong guess');
    await login('correct horse battery');
    const entries = await listAudit(sql);
    expect(entries.map((e) => [e.event, e.actor, e.subject])).toEqual([
      ['auth.sign-in', 'op@example.org', 'op@example.org'],
      ['auth.sign-in-failed', ANONYMOUS_ACTOR, 'op@example.org'],
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/a wrong guess|correct horse battery/);
  });
});
