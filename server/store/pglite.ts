import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Queryable, Sql } from './sql';

/** PGlite (Postgres in WASM): in memory without a folder, else persisted in `dataDir`. */
export async function openPglite(dataDir?: string): Promise<Sql> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  return {
    kind: 'pglite',
    query: async <T extends object>(text: string, params?: unknown[]) => (await db.query<T>(text, params)).rows,
    exec: async (text) => {
      await db.exec(text);
    },
    transaction: (fn) =>
      db.transaction((tx) => {
        const q: Queryable = { query: async <T extends object>(text: string, params?: unknown[]) => (await tx.query<T>(text, params)).rows };
        return fn(q);
      }),
    // A clean close checkpoints the data folder; killing the process mid-write can corrupt it.
    close: () => db.close(),
  };
}
