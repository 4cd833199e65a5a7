import type { IncomingMessage, ServerResponse } from 'node:http';
import { createUserRequestSchema, may, updateUserRequestSchema, userIdSchema, type SessionUser } from '@/lib/protocol/auth';
import type { Log } from '../realtime/log';
import type { AuthAuditEntry } from './auth-audit';
import type { AuthStore } from './auth-store';
import { HttpError, json, parse, readBody } from './http-kit';

/**
 * User administration (admin only): GET /api/auth/users, POST /api/auth/users and
 * PATCH /api/auth/users/{id} {role?, disabled?}. A role change or disabling ends the user's
 * sessions and sockets at once. An admin cannot change their own account here, so there is
 * always at least one enabled admin.
 */
export interface UsersHttpOptions {
  store: AuthStore;
  userOf: (req: IncomingMessage) => Promise<SessionUser | null>;
  endRooms: (rooms: string[]) => void;
  audit: (entry: AuthAuditEntry) => Promise<void>;
  log: Log;
}

const USER_PATH = /^\/api\/auth\/users\/([^/]+)$/;

export function usersRoutes(opts: UsersHttpOptions) {
  const { store, log, audit } = opts;

  const requireAdmin = async (req: IncomingMessage) => {
    const user = await opts.userOf(req);
    if (!user) throw new HttpError(401, 'sign in first');
    if (!may(user.role, 'users:manage')) throw new HttpError(403, 'only an admin manages users');
    return user;
  };

  const list = async (req: IncomingMessage, res: ServerResponse) => {
    await requireAdmin(req);
    json(res, 200, { users: await store.listUsers() });
  };

  const create = async (req: IncomingMessage, res: ServerResponse) => {
    const admin = await requireAdmin(req);
    const body = parse(createUserRequestSchema, await readBody(req), 'user');
    try {
      const user = await store.createUser(body.email, body.password, body.role);
      log.info('user created', { by: admin.email, user: user.email, role: user.role });
      await audit({ actor: admin.email, event: 'auth.user-created', subject: user.email, detail: { role: user.role } });
      json(res, 201, { user: await store.getUser(user.id) });
    } catch (err) {
      if (err instanceof Error && err.message === 'email-taken') throw new HttpError(409, 'a user with this email exists', [{ path: 'email', message: 'is taken' }]);
      throw err;
    }
  };

  const update = async (req: IncomingMessage, res: ServerResponse, rawId: string) => {
    const admin = await requireAdmin(req);
    // A broken escape ("%E0%A4%A") makes decodeURIComponent throw: no such user, not a 500.
    let decoded: string | null;
    try {
      decoded = decodeURIComponent(rawId);
    } catch {
      decoded = null;
    }
    const id = userIdSchema.safeParse(decoded);
    if (!id.success) throw new HttpError(404, 'no such user');
    const change = parse(updateUserRequestSchema, await readBody(req), 'user change');
    if (id.data === admin.id) throw new HttpError(409, 'an admin cannot change or disable their own account', [{ path: 'id', message: 'is your own account' }]);
    const before = await store.getUser(id.data);
    if (!before) throw new HttpError(404, 'no such user');
    const done = await store.updateUser(id.data, change);
    if (!done) throw new HttpError(404, 'no such user');
    if (done.endedRooms.length > 0) opts.endRooms(done.endedRooms);
    const { user } = done;
    log.info('user changed', { by: admin.email, user: user.email, role: user.role, disabled: user.disabled, sessionsEnded: done.endedRooms.length });
    const detail = { sessionsEnded: done.endedRooms.length };
    if (user.role !== before.role) await audit({ actor: admin.email, event: 'auth.user-role-changed', subject: user.email, detail: { ...detail, from: before.role, to: user.role } });
    if (user.disabled !== before.disabled)
      await audit({ actor: admin.email, event: user.disabled ? 'auth.user-disabled' : 'auth.user-enabled', subject: user.email, detail });
    json(res, 200, { user });
  };

  /** Handles the users routes; false for any other path or method. */
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    if (pathname === '/api/auth/users') {
      if (req.method === 'GET') await list(req, res);
      else if (req.method === 'POST') await create(req, res);
      else return false;
      return true;
    }
    const m = USER_PATH.exec(pathname);
    if (m && req.method === 'PATCH') {
      await update(req, res, m[1]);
      return true;
    }
    return false;
  };
}
