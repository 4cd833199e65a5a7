import { join } from 'node:path';
import type { Config } from '@/lib/config';
import { openPglite } from '../store/pglite';
import { openPostgres } from '../store/postgres';
import type { Sql } from '../store/sql';
import { AuthStore } from './auth-store';

/**
 * The web process's own database connection, for users and sessions (and the gateway's alerts).
 * PGlite allows one process per folder, so the embedded default is DATA_DIR/auth, beside the
 * model services' DATA_DIR/pglite; with DATABASE_URL every gateway shares the same tables, so
 * sessions work behind a load balancer.
 */
export function openWebSql(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>): Promise<Sql> {
  return config.DATABASE_URL ? openPostgres(config.DATABASE_URL) : openPglite(join(config.DATA_DIR, 'auth'));
}

/** The auth store on the web process's connection (opened here unless given). */
export async function openAuthStore(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR' | 'SESSION_TTL_H'>, sql?: Sql): Promise<AuthStore> {
  return AuthStore.open(sql ?? (await openWebSql(config)), { sessionTtlMs: config.SESSION_TTL_H * 3600_000 });
}
