import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { createUserRequestSchema, loginRequestSchema, may, SESSION_COOKIE, type SessionUser } from '@/lib/protocol/auth';
import { issuesOf } from '@/lib/validation';
import type { Log } from '../realtime/log';
import type { AuthStore } from './auth-store';
import { clearedCookie, parseCookies, sessionCookie } from './cookies';

const MAX_BODY = 16 * 1024;

export interface AuthHttpOptions {
  store: AuthStore;
  cookieSecure: boolean;
  /** After sign-out: close the session's sockets on every gateway. */
  onSignOut?: (token: string) => void;
  log: Log;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues?: Array<{ path: string; message: string }>,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, 'body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(text));
  if (type === 'application/json') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new HttpError(400, 'body is not JSON');
    }
  }
  throw new HttpError(415, 'send application/json or a form');
}

function parse<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(body);
  if (!r.success) throw new HttpError(400, `invalid ${what}`, issuesOf(r.error));
  return r.data;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
};
const redirect = (res: ServerResponse, location: string, headers: Record<string, string | string[]> = {}) => {
  res.writeHead(303, { location, 'cache-control': 'no-store', ...headers });
  res.end();
};
const isForm = (req: IncomingMessage) => (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');

/**
 * A state-changing request from another site is refused even though the cookie is SameSite:
 * the Origin, when the browser sends one, must be this host.
 */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  // No Origin: not a cross-site browser request (curl, tests, older same-origin form posts).
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export const sessionTokenOf = (req: IncomingMessage) => parseCookies(req.headers.cookie).get(SESSION_COOKIE);

/**
 * Sign-in over HTTP, in the web process beside the gateway (one session store for both):
 * POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me, GET and POST /api/auth/users
 * (admin). Forms get redirects, JSON clients get JSON.
 */
export function authRoutes(opts: AuthHttpOptions) {
  const { store, log } = opts;
  const userOf = async (req: IncomingMessage): Promise<SessionUser | null> => store.sessionUser(sessionTokenOf(req));

  const login = async (req: IncomingMessage, res: ServerResponse) => {
    const form = isForm(req);
    let body: z.infer<typeof loginRequestSchema>;
    try {
      body = parse(loginRequestSchema, await readBody(req), 'sign-in');
    } catch (err) {
      if (form && err instanceof HttpError && err.status === 400) return redirect(res, '/login?error=invalid');
      throw err;
    }
    const user = await store.checkPassword(body.email, body.password);
    if (!user) {
      log.warn('sign-in refused', { email: body.email });
      if (form) return redirect(res, `/login?error=credentials${body.next ? `&next=${encodeURIComponent(body.next)}` : ''}`);
      throw new HttpError(401, 'wrong email or password');
    }
    const token = await store.createSession(user.id);
    const cookie = sessionCookie(SESSION_COOKIE, token, { maxAgeS: Math.floor(store.sessionTtlMs / 1000), secure: opts.cookieSecure });
    log.info('signed in', { user: user.email, role: user.role });
    if (form) return redirect(res, body.next ?? '/', { 'set-cookie': cookie });
    json(res, 200, { user }, { 'set-cookie': cookie });
  };

  const logout = async (req: IncomingMessage, res: ServerResponse) => {
    const token = sessionTokenOf(req);
    if (token) {
      await store.deleteSession(token);
      opts.onSignOut?.(token);
    }
    const cookie = clearedCookie(SESSION_COOKIE, opts.cookieSecure);
    if (isForm(req) || !req.headers['content-type']) return redirect(res, '/login', { 'set-cookie': cookie });
    json(res, 200, { ok: true }, { 'set-cookie': cookie });
  };

  const requireAdmin = async (req: IncomingMessage) => {
    const user = await userOf(req);
    if (!user) throw new HttpError(401, 'sign in first');
    if (!may(user.role, 'users:manage')) throw new HttpError(403, 'only an admin manages users');
    return user;
  };

  /** Handles /api/auth/*; returns false for any other path. */
  const handle = async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    if (!pathname.startsWith('/api/auth/')) return false;
    const route = `${req.method} ${pathname}`;
    try {
      if (req.method === 'POST' && !sameOrigin(req)) throw new HttpError(403, 'cross-site request refused');
      if (route === 'POST /api/auth/login') await login(req, res);
      else if (route === 'POST /api/auth/logout') await logout(req, res);
      else if (route === 'GET /api/auth/me') {
        const user = await userOf(req);
        if (!user) throw new HttpError(401, 'not signed in');
        json(res, 200, { user });
      } else if (route === 'GET /api/auth/users') {
        await requireAdmin(req);
        json(res, 200, { users: await store.listUsers() });
      } else if (route === 'POST /api/auth/users') {
        const admin = await requireAdmin(req);
        const body = parse(createUserRequestSchema, await readBody(req), 'user');
        try {
          const user = await store.createUser(body.email, body.password, body.role);
          log.info('user created', { by: admin.email, user: user.email, role: user.role });
          json(res, 201, { user });
        } catch (err) {
          if (err instanceof Error && err.message === 'email-taken') throw new HttpError(409, 'a user with this email exists', [{ path: 'email', message: 'is taken' }]);
          throw err;
        }
      } else throw new HttpError(404, `no such route: ${route}`);
    } catch (err) {
      if (err instanceof HttpError) json(res, err.status, { error: err.message, ...(err.issues ? { issues: err.issues } : {}) });
      else {
        log.error('auth request failed', { route, error: err instanceof Error ? err.message : String(err) });
        json(res, 500, { error: 'internal error' });
      }
    }
    return true;
  };

  return { handle, userOf };
}
