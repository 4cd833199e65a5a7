import { afterEach, describe, expect, it } from 'vitest';
import { openMemoryPglite, openThrowawayPostgres, postgresReachable } from '../store/test-stores';
import type { Sql } from '../store/sql';
import { AuthStore } from './auth-store';

const pgDown = await postgresReachable();
if (pgDown && process.env.CI === 'true') throw new Error(`Postgres is required in CI: ${pgDown}`);
if (pgDown) console.log(`[auth-store.test] Postgres unreachable, its cases are skipped: ${pgDown}`);

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

const databases: Array<[string, () => Promise<Sql>, boolean]> = [
  ['PGlite', openMemoryPglite, false],
  ['Postgres', openThrowawayPostgres, pgDown !== null],
];

describe.each(databases)('the auth store on %s', (_name, open, skip) => {
  const openStore = async (ttlMs = 3600_000) => {
    const store = await AuthStore.open(await open(), { sessionTtlMs: ttlMs });
    closers.push(() => store.close());
    return store;
  };

  it.skipIf(skip)('signs a user in with the right password only', async () => {
    const store = await openStore();
    const user = await store.createUser('ann@example.org', 'correct horse battery', 'manager');
    expect(await store.checkPassword('ann@example.org', 'correct horse battery')).toEqual(user);
    expect(await store.checkPassword('ann@example.org', 'wrong horse battery')).toBeNull();
    expect(await store.checkPassword('bob@example.org', 'correct horse battery')).toBeNull();
  });

  it.skipIf(skip)('refuses a second user with the same email', async () => {
    const store = await openStore();
    await store.createUser('ann@example.org', 'correct horse battery', 'operator');
    await expect(store.createUser('ann@example.org', 'another long password', 'admin')).rejects.toThrow('email-taken');
  });

  it.skipIf(skip)('finds the user of a live session and forgets it after sign-out', async () => {
    const store = await openStore();
    const user = await store.createUser('ann@example.org', 'correct horse battery', 'operator');
    const token = await store.createSession(user.id);
    expect(await store.sessionUser(token)).toEqual(user);
    await store.deleteSession(token);
    expect(await store.sessionUser(token)).toBeNull();
  });

  it.skipIf(skip)('does not accept an expired session', async () => {
    const store = await openStore(60_000);
    const user = await store.createUser('ann@example.org', 'correct horse battery', 'operator');
    const token = await store.createSession(user.id, Date.now() - 120_000);
    expect(await store.sessionUser(token)).toBeNull();
  });

  it.skipIf(skip)('stores no session token, only its hash', async () => {
    const store = await openStore();
    const user = await store.createUser('ann@example.org', 'correct horse battery', 'operator');
    const token = await store.createSession(user.id);
    const rows = await store.db.query<{ token_hash: string }>('select token_hash from auth_session');
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toContain(token);
  });
});
