import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { may, type SessionUser } from '@/lib/protocol/auth';

/**
 * Who may read /metrics: a scraper with the METRICS_TOKEN bearer, or a signed-in admin. The
 * metrics name layers, namespaces and client counts: not for the public.
 */
export async function mayReadMetrics(
  req: IncomingMessage,
  opts: { token: string | undefined; userOf: (req: IncomingMessage) => Promise<SessionUser | null> },
): Promise<boolean> {
  const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (bearer !== undefined && opts.token !== undefined) {
    const a = Buffer.from(bearer);
    const b = Buffer.from(opts.token);
    if (a.length === b.length && timingSafeEqual(a, b)) return true;
  }
  const user = await opts.userOf(req);
  return user !== null && may(user.role, 'users:manage');
}
