import { afterEach, describe, expect, it } from 'vitest';
import type { Sql } from '../../store/sql';
import { Store } from '../../store/store';
import { openMemoryPglite, openThrowawayPostgres, postgresReachable, TEST_DATABASE_URL } from '../../store/test-stores';
import { latestFeed, saveFeed, type StoredFeed } from './feed-store';

const pgProblem = await postgresReachable();
if (pgProblem && process.env.CI !== 'true') console.log(`skipping Postgres transit store tests: ${TEST_DATABASE_URL} unreachable (${pgProblem})`);
const backends: Array<[string, () => Promise<Sql>, boolean]> = [
  ['PGlite', openMemoryPglite, false],
  ['Postgres', openThrowawayPostgres, Boolean(pgProblem) && process.env.CI !== 'true'],
];

const feed = (url: string, fetchedAt: string, bytes: number[]): StoredFeed => ({
  url,
  sha256: 'ab'.repeat(32),
  zip: Uint8Array.from(bytes),
  routes: 14,
  stops: 333,
  trips: 3782,
  fetchedAt: new Date(fetchedAt),
});

describe.each(backends)('the stored GTFS feed on %s', (_name, open, skip) => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  it.skipIf(skip)('gives back the zip bytes exactly as saved', async () => {
    store = await Store.open(await open());
    const bytes = [0x50, 0x4b, 0x03, 0x04, 0, 255, 10, 13];
    await saveFeed(store.db, feed('http://a/gtfs.zip', '2026-01-05T08:00:00Z', bytes));
    const held = await latestFeed(store.db);
    expect(held && [...held.zip]).toEqual(bytes);
    expect(held).toMatchObject({ url: 'http://a/gtfs.zip', routes: 14, stops: 333, trips: 3782, fetchedAt: new Date('2026-01-05T08:00:00Z') });
  });

  it.skipIf(skip)('keeps only the newest feed', async () => {
    store = await Store.open(await open());
    await saveFeed(store.db, feed('http://a/gtfs.zip', '2026-01-05T08:00:00Z', [1]));
    await saveFeed(store.db, feed('http://b/gtfs.zip', '2026-01-05T09:00:00Z', [2]));
    const rows = await store.db.query<{ n: number }>('select count(*)::int as n from transit_feed');
    expect(rows[0].n).toBe(1);
    expect((await latestFeed(store.db))?.url).toBe('http://b/gtfs.zip');
  });

  it.skipIf(skip)('has nothing before a feed was saved', async () => {
    store = await Store.open(await open());
    expect(await latestFeed(store.db)).toBeNull();
  });
});
