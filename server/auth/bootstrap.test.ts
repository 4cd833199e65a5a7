import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPglite } from '../store/pglite';
import { AuthStore } from './auth-store';
import { DEFAULT_ADMIN_EMAIL, ensureFirstAdmin } from './bootstrap';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function fresh() {
  const store = await AuthStore.open(await openPglite(), { sessionTtlMs: 60_000 });
  const dataDir = mkdtempSync(join(tmpdir(), 'polis-auth-'));
  cleanups.push(() => store.close(), () => rmSync(dataDir, { recursive: true, force: true }));
  const lines: string[] = [];
  return { store, dataDir, lines, log: (m: string) => lines.push(m) };
}

describe('the first admin', () => {
  it('comes from the environment settings when they are set', async () => {
    const { store, dataDir, log } = await fresh();
    await ensureFirstAdmin(store, { adminEmail: 'Chief@City.example', adminPassword: 'a long admin password', dataDir, log });
    expect(await store.checkPassword('chief@city.example', 'a long admin password')).toMatchObject({ role: 'admin' });
  });

  it('gets a one-time password, logged once and written to the data folder, when none is set', async () => {
    const { store, dataDir, lines, log } = await fresh();
    const r = await ensureFirstAdmin(store, { dataDir, log });
    expect(r).toEqual({ created: true, email: DEFAULT_ADMIN_EMAIL, generated: true });
    const [email, password] = readFileSync(join(dataDir, 'initial-admin-password'), 'utf8').trim().split('\n');
    expect(email).toBe(DEFAULT_ADMIN_EMAIL);
    expect(lines.join('\n')).toContain(password);
    expect(await store.checkPassword(email, password)).toMatchObject({ role: 'admin' });
  });

  it('is not created again once any user exists', async () => {
    const { store, dataDir, log } = await fresh();
    await store.createUser('op@example.org', 'correct horse battery', 'operator');
    expect(await ensureFirstAdmin(store, { dataDir, log })).toEqual({ created: false });
    expect(await store.countUsers()).toBe(1);
  });
});
