import pg from 'pg';
import type { Queryable, Sql } from './sql';

/** Postgres through a pool; `searchPath` isolates a schema (tests run in a throwaway one). */
export async function openPostgres(url: string, searchPath?: string): Promise<Sql> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 5,
    connectionTimeoutMillis: 5000,
    ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
  });
  // Idle clients can error when the server restarts; the pool replaces them, the process stays up.
  pool.on('error', (err) => console.warn(`[store] postgres pool: ${err.message}`));
  await pool.query('select 1');
  const query = async <T extends object>(text: string, params?: unknown[]) => (await pool.query(text, params)).rows as T[];
  return {
    kind: 'postgres',
    query,
    exec: async (text) => {
      await pool.query(text);
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const q: Queryable = { query: async <T extends object>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[] };
        const out = await fn(q);
        await client.query('commit');
        return out;
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
