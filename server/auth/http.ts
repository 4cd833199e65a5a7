import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { loginRequestSchema, SESSION_COOKIE, type SessionUser, type SignInError } from '@/lib/protocol/auth';
import type { Log } from '../realtime/log';
import type { AuthAudit, AuthAuditEntry } from './auth-audit';
import type { AuthStore } from './auth-store';
import { clearedCookie, parseCookies, sessionCookie } from './cookies';
import { clientIp, HttpError, isForm, json, parse, readBody, redirect, sameOrigin } from './http-kit';
import type { SignInThrottle } from './throttle';
import { usersRoutes } from './users-http';

export interface AuthHttpOptions {
  store: AuthStore;
  /** Per-account and per-address failure limits, shared by every gateway through the store. */
  throttle: SignInThrottle;
  cookieSecure: boolean;
  /**
   * Sessions ended (sign-out, rotation at sign-in, a user disabled or given another role): close
   * the sockets in these rooms on every gateway.
   */
  onSessionsEnded?: (rooms: string[]) => void;
  /** Where sign-ins and user changes are recorded (server/audit). */
  audit?: AuthAudit;
  log: Log;
}

export const sessionTokenOf = (req: IncomingMessage) => parseCookies(req.headers.cookie).get(SESSION_COOKIE);

/** One answer for an unknown email and a wrong password, so neither tells which accounts exist. */
const WRONG_CREDENTIALS = 'wrong email or password';

/**
 * Sign-in over HTTP, in the web process beside the gateway (one session store for both):
 * POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me and the admin's user routes
 * (users-http.ts). Forms get redirects, JSON clients get JSON. Every state-changing request must
 * come from this site (http-kit.ts, sameOrigin).
 */
export function authRoutes(opts: AuthHttpOptions) {
  const { store, throttle, log } = opts;
  const userOf = async (req: IncomingMessage): Promise<SessionUser | null> => store.sessionUser(sessionTokenOf(req));
  // Never with no rooms: Socket.IO reads an empty room list as every socket.
  const endRooms = (rooms: string[]) => {
    if (rooms.length > 0) opts.onSessionsEnded?.(rooms);
  };

  /** The audit log must not make sign-in unavailable: a failed write is logged loudly and sign-in goes on. */
  const audit = async (entry: AuthAuditEntry) => {
    if (!opts.audit) return;
    try {
      await opts.audit(entry);
    } catch (err) {
      log.error('audit write failed', { event: entry.event, error: err instanceof Error ? err.message : String(err) });
    }
  };
  const users = usersRoutes({ store, userOf, endRooms, audit, log });

  const login = async (req: IncomingMessage, res: ServerResponse) => {
    const form = isForm(req);
    let body: z.infer<typeof loginRequestSchema>;
    try {
      body = parse(loginRequestSchema, await readBody(req), 'sign-in');
    } catch (err) {
      if (form && err instanceof HttpError && err.status === 400) return redirect(res, '/login?error=invalid');
      throw err;
    }
    const ip = clientIp(req);
    const back = body.next ? `&next=${encodeURIComponent(body.next)}` : '';
    const refuse = (status: number, error: SignInError, message: string, extra: Record<string, string> = {}, query = '') => {
      if (form) return redirect(res, `/login?error=${error}${query}${back}`);
      throw new HttpError(status, message, undefined, extra);
    };

    // A locked account or blocked address is refused before any password is checked.
    const blocked = await throttle.blocked(body.email, ip);
    if (blocked) {
      log.warn('sign-in refused: locked', { scope: blocked.scope, retryAfterS: blocked.retryAfterS });
      await audit({ actor: null, event: 'auth.sign-in-failed', subject: body.email, detail: { reason: 'locked', scope: blocked.scope, ip } });
      return refuse(429, 'locked', 'too many failed sign-ins; try again later', { 'retry-after': String(blocked.retryAfterS) }, `&retry=${blocked.retryAfterS}`);
    }

    const found = await store.verifyCredentials(body.email, body.password);
    if (!found) {
      const locked = await throttle.recordFailure(body.email, ip);
      log.warn('sign-in refused', { email: body.email });
      await audit({ actor: null, event: 'auth.sign-in-failed', subject: body.email, detail: { reason: 'credentials', ip } });
      for (const scope of locked) {
        const seconds = Math.round(throttle.limits.lockoutMs / 1000);
        log.warn('sign-in locked', { scope, seconds });
        await audit({ actor: null, event: 'auth.locked', subject: scope === 'account' ? body.email : ip, detail: { scope, seconds } });
      }
      return refuse(401, 'credentials', WRONG_CREDENTIALS);
    }
    if (found.disabled) {
      // Only someone who knows the password learns the account is disabled.
      await audit({ actor: null, event: 'auth.sign-in-failed', subject: body.email, detail: { reason: 'disabled', ip } });
      return refuse(403, 'disabled', 'this account is disabled');
    }

    const { user } = found;
    await throttle.recordSuccess(body.email);
    // Rotation: a session cookie brought to sign-in is revoked, never upgraded (session fixation).
    const old = sessionTokenOf(req);
    if (old) endRooms([await store.deleteSession(old)]);
    const token = await store.createSession(user.id);
    await store.markSignedIn(user.id);
    const cookie = sessionCookie(SESSION_COOKIE, token, { maxAgeS: Math.floor(store.sessionTtlMs / 1000), secure: opts.cookieSecure });
    log.info('signed in', { user: user.email, role: user.role });
    await audit({ actor: user.email, event: 'auth.sign-in', subject: user.email, detail: { role: user.role, ip, rotated: old !== undefined } });
    if (form) return redirect(res, body.next ?? '/', { 'set-cookie': cookie });
    json(res, 200, { user }, { 'set-cookie': cookie });
  };

  const logout = async (req: IncomingMessage, res: ServerResponse) => {
    const token = sessionTokenOf(req);
    if (token) {
      const user = await store.sessionUser(token);
      // The row is revoked and every socket of the session, on every gateway, is disconnected.
      endRooms([await store.deleteSession(token)]);
      if (user) await audit({ actor: user.email, event: 'auth.sign-out', subject: user.email, detail: {} });
    }
    const cookie = clearedCookie(SESSION_COOKIE, opts.cookieSecure);
    if (isForm(req) || !req.headers['content-type']) return redirect(res, '/login', { 'set-cookie': cookie });
    json(res, 200, { ok: true }, { 'set-cookie': cookie });
  };

  /** Handles /api/auth/*; returns false for any other path. */
  const handle = async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    if (!pathname.startsWith('/api/auth/')) return false;
    const route = `${req.method} ${pathname}`;
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD' && !sameOrigin(req)) throw new HttpError(403, 'cross-site request refused');
      if (route === 'POST /api/auth/login') await login(req, res);
      else if (route === 'POST /api/auth/logout') await logout(req, res);
      else if (route === 'GET /api/auth/me') {
        const user = await userOf(req);
        if (!user) throw new HttpError(401, 'not signed in');
        json(res, 200, { user });
      } else if (!(await users(req, res, pathname))) throw new HttpError(404, `no such route: ${route}`);
    } catch (err) {
      if (err instanceof HttpError) json(res, err.status, { error: err.message, ...(err.issues ? { issues: err.issues } : {}) }, err.headers);
      else {
        log.error('auth request failed', { route, error: err instanceof Error ? err.message : String(err) });
        json(res, 500, { error: 'internal error' });
      }
    }
    return true;
  };

  return { handle, userOf };
}
