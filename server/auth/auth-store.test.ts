import { afterEach, describe, expect, it } from 'vitest';
import { openMemoryPglite, openThrowawayPostgres, postgresReachable } from '../store/test-stores';
import type { Sql } from '../store/sql';
import { AuthStore, sessionRoom } from './auth-store';

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

describe.each(databases)('user administration in the auth store on %s', (_name, open, skip) => {
  const openStore = async () => {
    const store = await AuthStore.open(await open(), { sessionTtlMs: 3600_000 });
    closers.push(() => store.close());
    return store;
  };

  it.skipIf(skip)('disabling a user ends their sessions, naming each session\'s room', async () => {
    const store = await openStore();
    const user = await store.createUser('ann@example.org', 'correct horse battery', 'operator');
    const tokens = [await store.createSession(user.id), await store.createSession(user.id)];
    const change = await store.updateUser(user.id, { disabled: true });
    expect(change?.user).toMatchObject({ disabled: true, role: 'operator' });
    expect(change?.endedRooms.sort()).toEqual(tokens.map(sessionRoom).sort());
    for (const t of tokens) expect(await store.sessionUser(t)).toBeNull();
  });

  it.skipIf(skip)('a disabled user\'s password still checks out but opens nothing', async () => {
    const store = await openStore();
    const user = await store.createUser('ann@example.org', 'correct horse battery', 'operator');
    await store.updateUser(user.id, { disabled: true });
    expect(await store.verifyCredentials('ann@example.org', 'correct horse battery')).toEqual({ user, disabled: true });
    expect(await store.checkPassword('ann@example.org', 'correct horse battery')).toBeNull();
  });

  it.skipIf(skip)('changing a role ends the sessions that carried the old one', async () => {
    const store = await openStore();
    const user = await store.createUser('ann@example.org', 'correct horse battery', 'operator');
    const token = await store.createSession(user.id);
    const change = await store.updateUser(user.id, { role: 'manager' });
    expect(change?.user.role).toBe('manager');
    expect(change?.endedRooms).toEqual([sessionRoom(token)]);
  });

  it.skipIf(skip)('enabling a user keeps nothing to end and leaves the role alone', async () => {
    const store = await openStore();
    const user = await store.createUser('ann@example.org', 'correct horse battery', 'manager');
    await store.updateUser(user.id, { disabled: true });
    const change = await store.updateUser(user.id, { disabled: false });
    expect(change).toMatchObject({ user: { disabled: false, role: 'manager' }, endedRooms: [] });
  });

  it.skipIf(skip)('answers null for a user that does not exist', async () => {
    const store = await openStore();
    expect(await store.updateUser('5f0c6f9e-3b1a-4c55-9a47-2f7e0b0d9e11', { disabled: true })).toBeNull();
  });

  it.skipIf(skip)('lists when each user last signed in', async () => {
    const store = await openStore();
    const ann = await store.createUser('ann@example.org', 'correct horse battery', 'operator');
    await store.createUser('bob@example.org', 'correct horse battery', 'operator');
    await store.markSignedIn(ann.id, Date.parse('2026-11-24T08:00:00Z'));
    const list = await store.listUsers();
    expect(list.map((u) => [u.email, u.lastSignInAt, u.disabled])).toEqual([
      ['ann@example.org', '2026-11-24T08:00:00.000Z', false],
      ['bob@example.org', null, false],
    ]);
  });
});
