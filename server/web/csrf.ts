import type { IncomingMessage } from 'node:http';
import { sameOrigin } from '../auth/http-kit';

/** Methods that change nothing: never refused for where they come from. */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF for the whole web process: a state-changing request a browser sends from another site
 * (Sec-Fetch-Site or Origin naming it) is refused before any route sees it, whatever the route
 * (sign-in, audit, Next's handlers, a route added later). The SameSite=Lax cookie is the first
 * line; this is the second.
 */
export const refusedAsCrossSite = (req: IncomingMessage) => !SAFE.has(req.method ?? 'GET') && !sameOrigin(req);

/**
 * The Socket.IO handshake (every namespace, polling and websocket): a browser page of another
 * site may not open a socket here. A browser always sends Origin on a WebSocket; its absence is
 * a non-browser client, which carries no ambient cookie.
 */
export function socketOriginAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** engine.io's allowRequest hook with socketOriginAllowed. */
export const allowSocketRequest = (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) =>
  socketOriginAllowed(req) ? callback(null, true) : callback('cross-site socket refused', false);
