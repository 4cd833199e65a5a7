import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emailSchema, newPasswordSchema } from '@/lib/protocol/auth';
import type { AuthStore } from './auth-store';

export const DEFAULT_ADMIN_EMAIL = 'admin@polis.local';

export interface BootstrapOptions {
  adminEmail?: string;
  adminPassword?: string;
  /** Where a generated password is also written (mode 0600), for when the log has scrolled away. */
  dataDir: string;
  log: (msg: string) => void;
}

export type BootstrapResult = { created: false } | { created: true; email: string; generated: boolean };

/**
 * The first admin, on a first start only (no users yet): from POLIS_ADMIN_EMAIL and
 * POLIS_ADMIN_PASSWORD when set; otherwise admin@polis.local with a random one-time password
 * printed once to the log and written to DATA_DIR/initial-admin-password, so `npm start` on a
 * fresh clone needs no setup yet ships no default password.
 */
export async function ensureFirstAdmin(store: AuthStore, opts: BootstrapOptions): Promise<BootstrapResult> {
  if ((await store.countUsers()) > 0) return { created: false };
  const email = emailSchema.parse(opts.adminEmail ?? DEFAULT_ADMIN_EMAIL);
  const generated = !opts.adminPassword;
  const password = opts.adminPassword ?? randomBytes(12).toString('base64url');
  newPasswordSchema.parse(password);
  try {
    await store.createUser(email, password, 'admin');
  } catch (err) {
    // Another gateway on the same database created it first.
    if (err instanceof Error && err.message === 'email-taken') return { created: false };
    throw err;
  }
  if (generated) {
    mkdirSync(opts.dataDir, { recursive: true });
    const file = join(opts.dataDir, 'initial-admin-password');
    writeFileSync(file, `${email}\n${password}\n`, { mode: 0o600 });
    opts.log(`first admin created: sign in as ${email} with the one-time password ${password} (also in ${file}); set POLIS_ADMIN_EMAIL and POLIS_ADMIN_PASSWORD to choose them`);
  } else {
    opts.log(`first admin created: ${email} (from POLIS_ADMIN_EMAIL / POLIS_ADMIN_PASSWORD)`);
  }
  return { created: true, email, generated };
}
