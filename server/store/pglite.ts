import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Queryable, Sql } from './sql';

/**
 * initdb in WASM takes 1.5–2 s and an in-memory database starts empty every time, so fresh ones
 * (tests open hundreds) load a saved empty cluster instead, about 0.3 s: made once per PGlite
 * version and shared between processes through a file in the temp folder.
 */
let emptyCluster: Promise<Blob> | undefined;

function pgliteVersion(): string {
  // The package's exports hide its package.json: read it beside the resolved entry.
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pkg = JSON.parse(readFileSync(join(entry, '..', '..', 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

async function loadEmptyCluster(): Promise<Blob> {
  const file = join(tmpdir(), `polis-pglite-empty-${pgliteVersion()}.tar`);
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    const db = await PGlite.create();
    const dump = await db.dumpDataDir('none');
    await db.close();
    // Written aside and renamed: a process that reads it never sees half a file.
    const part = `${file}.${process.pid}.part`;
    writeFileSync(part, Buffer.from(await dump.arrayBuffer()));
    renameSync(part, file);
    return dump;
  }
}

async function createMemory(): Promise<PGlite> {
  emptyCluster ??= loadEmptyCluster();
  try {
    return await PGlite.create({ loadDataDir: await emptyCluster });
  } catch {
    // A damaged saved cluster costs only the time: start from initdb as PGlite does.
    emptyCluster = undefined;
    return PGlite.create();
  }
}

/** PGlite (Postgres in WASM): in memory without a folder, else persisted in `dataDir`. */
export async function openPglite(dataDir?: string): Promise<Sql> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = dataDir ? await PGlite.create(dataDir) : await createMemory();
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
