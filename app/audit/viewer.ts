import { headers } from 'next/headers';
import { sessionUserSchema, USER_HEADER, type Role, type SessionUser } from '@/lib/protocol/auth';

/** Who may read the audit log: managers (who decide on actions) and admins (who manage users). */
export const auditRoles: readonly Role[] = ['manager', 'admin'];

/**
 * The signed-in user the web process vouched for in USER_HEADER (set by the server from the
 * session, never taken from the browser), and whether they may read the audit log.
 */
export async function auditViewer(): Promise<{ user: SessionUser | null; allowed: boolean }> {
  const raw = (await headers()).get(USER_HEADER);
  if (!raw) return { user: null, allowed: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { user: null, allowed: false };
  }
  const user = sessionUserSchema.safeParse(parsed);
  if (!user.success) return { user: null, allowed: false };
  return { user: user.data, allowed: auditRoles.includes(user.data.role) };
}
