import { headers } from 'next/headers';
import { may, sessionUserSchema, USER_HEADER, type SessionUser } from '@/lib/protocol/auth';

/**
 * The signed-in user the web process (server/web/main.ts) vouched for in USER_HEADER, if they may
 * see KPI pages (managers). The header is set by the server from the session and stripped from
 * what browsers send, so it can be trusted here.
 */
export async function kpiViewer(): Promise<{ user: SessionUser | null; allowed: boolean }> {
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
  return { user: user.data, allowed: may(user.data.role, 'kpi:view') };
}
