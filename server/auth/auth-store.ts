import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Role, SessionUser } from '@/lib/protocol/auth';
import type { Queryable, Sql } from '../store/sql';
import { decoyHash, hashPassword, verifyPassword } from './passwords';

/**
 * Users and sessions of the web process. Its own tables and its own schema version, because the
 * web process (not the model services) owns them: on PGlite in a folder of its own, on Postgres
 * beside the model services' tables in the same database, shared by every gateway.
 */
const steps: string[] = [
  `create table auth_user (
     id text primary key,
     email text not null unique,
     role text not null check (role in ('operator', 'manager', 'admin')),
     password_hash text not null,
     created_at timestamptz not null default now()
   );
   create table auth_session (
     token_hash text primary key,
     user_id text not null references auth_user(id) on delete cascade,
     created_at timestamptz not null default now(),
     expires_at timestamptz not null
   );
   create index auth_session_expiry on auth_session (expires_at)`,
];

/** Serialises migrations of several web processes starting at once on one Postgres. */
const MIGRATION_LOCK = 0x706f6c69;

async function migrate(sql: Sql): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('create table if not exists auth_schema_version (version int primary key, applied_at timestamptz not null default now())');
    const [row] = await tx.query<{ v: number | null }>('select max(version) as v from auth_schema_version');
    for (let v = (row?.v ?? 0) + 1; v <= steps.length; v++) {
      for (const stmt of steps[v - 1].split(';').map((s) => s.trim()).filter(Boolean)) await tx.query(stmt);
      await tx.query('insert into auth_schema_version (version) values ($1)', [v]);
    }
  });
}

/** Only a hash of the token is stored: a copy of the table signs no one in. */
const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface UserRow extends SessionUser {
  createdAt: string;
}

export class AuthStore {
  private constructor(
    private readonly sql: Sql,
    readonly sessionTtlMs: number,
  ) {}

  static async open(sql: Sql, opts: { sessionTtlMs: number }): Promise<AuthStore> {
    await migrate(sql);
    return new AuthStore(sql, opts.sessionTtlMs);
  }

  get db(): Queryable {
    return this.sql;
  }

  close(): Promise<void> {
    return this.sql.close();
  }

  async countUsers(): Promise<number> {
    const [row] = await this.sql.query<{ n: number | string }>('select count(*) as n from auth_user');
    return Number(row?.n ?? 0);
  }

  /** Create a user; the email must be new (throws 'email-taken'). */
  async createUser(email: string, password: string, role: Role): Promise<SessionUser> {
    const id = randomUUID();
    const hash = await hashPassword(password);
    const rows = await this.sql.query<{ id: string }>(
      'insert into auth_user (id, email, role, password_hash) values ($1, $2, $3, $4) on conflict (email) do nothing returning id',
      [id, email, role, hash],
    );
    if (rows.length === 0) throw new Error('email-taken');
    return { id, email, role };
  }

  async listUsers(): Promise<UserRow[]> {
    const rows = await this.sql.query<{ id: string; email: string; role: Role; created_at: Date | string }>(
      'select id, email, role, created_at from auth_user order by created_at, email',
    );
    return rows.map((r) => ({ id: r.id, email: r.email, role: r.role, createdAt: new Date(r.created_at).toISOString() }));
  }

  /** The user whose email and password these are, or null; as slow for unknown emails as for known. */
  async checkPassword(email: string, password: string): Promise<SessionUser | null> {
    const [row] = await this.sql.query<{ id: string; email: string; role: Role; password_hash: string }>(
      'select id, email, role, password_hash from auth_user where email = $1',
      [email],
    );
    if (!row) {
      await verifyPassword(password, await decoyHash());
      return null;
    }
    return (await verifyPassword(password, row.password_hash)) ? { id: row.id, email: row.email, role: row.role } : null;
  }

  /** A new session for the user; returns the token for the cookie. */
  async createSession(userId: string, nowMs = Date.now()): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.sql.query('insert into auth_session (token_hash, user_id, expires_at) values ($1, $2, $3)', [
      tokenHash(token),
      userId,
      new Date(nowMs + this.sessionTtlMs).toISOString(),
    ]);
    // Expired sessions are swept as new ones are made: no timer needed.
    await this.sql.query('delete from auth_session where expires_at < $1', [new Date(nowMs).toISOString()]);
    return token;
  }

  /** The user of a live session, or null when the token is unknown or expired. */
  async sessionUser(token: string | undefined, nowMs = Date.now()): Promise<SessionUser | null> {
    if (!token || token.length > 200) return null;
    const [row] = await this.sql.query<{ id: string; email: string; role: Role }>(
      `select u.id, u.email, u.role from auth_session s join auth_user u on u.id = s.user_id
       where s.token_hash = $1 and s.expires_at > $2`,
      [tokenHash(token), new Date(nowMs).toISOString()],
    );
    return row ? { id: row.id, email: row.email, role: row.role } : null;
  }

  async deleteSession(token: string): Promise<void> {
    await this.sql.query('delete from auth_session where token_hash = $1', [tokenHash(token)]);
  }
}

/** A stable, non-secret name for a session, for Socket.IO rooms (sign-out disconnects its sockets). */
export const sessionRoom = (token: string) => `session:${tokenHash(token).slice(0, 16)}`;
