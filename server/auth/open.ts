import { join } from 'node:path';
import type { Config } from '@/lib/config';
import { openPglite } from '../store/pglite';
import { openPostgres } from '../store/postgres';
import { AuthStore } from './auth-store';

/**
 * The web process's own database connection for users and sessions. PGlite allows one process
 * per folder, so the embedded default is DATA_DIR/auth, beside the model services' DATA_DIR/pglite;
 * with DATABASE_URL every gateway shares the same tables, so sessions work behind a load balancer.
 */
export async function openAuthStore(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR' | 'SESSION_TTL_H'>): Promise<AuthStore> {
  const sql = config.DATABASE_URL ? await openPostgres(config.DATABASE_URL) : await openPglite(join(config.DATA_DIR, 'auth'));
  return AuthStore.open(sql, { sessionTtlMs: config.SESSION_TTL_H * 3600_000 });
}
