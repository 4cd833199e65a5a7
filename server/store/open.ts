import { join } from 'node:path';
import type { Config } from '@/lib/config';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import { Store } from './store';

/** Postgres when DATABASE_URL is set, else PGlite in DATA_DIR/pglite (created on first start). */
export async function openStore(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>): Promise<Store> {
  const sql = config.DATABASE_URL ? await openPostgres(config.DATABASE_URL) : await openPglite(join(config.DATA_DIR, 'pglite'));
  return Store.open(sql);
}
