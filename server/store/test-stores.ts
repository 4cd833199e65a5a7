import pg from 'pg';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Sql } from './sql';

/**
 * The databases the store's tests run against: PGlite always; the Postgres server on this
 * machine too. Without it: in CI the tests fail, on a laptop they are skipped with a line.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function postgresReachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh Postgres schema per call, dropped when the returned Sql closes: tests never share rows. */
export async function openThrowawayPostgres(): Promise<Sql> {
  const schema = `polis_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const sql = await openPostgres(TEST_DATABASE_URL, schema);
  return {
    ...sql,
    close: async () => {
      await sql.close();
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

export const openMemoryPglite = () => openPglite();

/**
 * The backends a store test file runs on, as `describe.each` rows [name, open, skip]: PGlite
 * always; Postgres unless it is unreachable outside CI (then a line says so). In CI a missing
 * Postgres is not skipped: its open() throws and the run fails.
 */
export async function testBackends(what: string): Promise<Array<[string, () => Promise<Sql>, boolean]>> {
  const problem = await postgresReachable();
  const skip = problem !== null && process.env.CI !== 'true';
  if (skip) console.log(`skipping the Postgres ${what}: ${TEST_DATABASE_URL} unreachable (${problem})`);
  return [
    ['PGlite', openMemoryPglite, false],
    ['Postgres', openThrowawayPostgres, skip],
  ];
}
