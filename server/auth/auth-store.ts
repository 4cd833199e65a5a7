import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Role, SessionUser, UserSummary } from '@/lib/protocol/auth';
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
  // Sign-in hardening: disabled accounts, last sign-in, and failure counters shared by every gateway.
  `alter table auth_user add column disabled_at timestamptz;
   alter table auth_user add column last_sign_in_at timestamptz;
   create index auth_session_user on auth_session (user_id);
   create table auth_throttle (
     key text primary key,
     failures int not null,
     window_start timestamptz not null,
     locked_until timestamptz
   )`,
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

/** The Socket.IO room of a session, from its stored hash (so sessions can be ended by user, too). */
const roomOfHash = (hash: string) => `session:${hash.slice(0, 16)}`;

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

/** What a change to a user did: the user as now, and the rooms of the sessions it ended. */
export interface UserChange {
  user: UserSummary;
  endedRooms: string[];
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

  async listUsers(): Promise<UserSummary[]> {
    const rows = await this.sql.query<UserDbRow>(`select ${USER_COLUMNS} from auth_user order by created_at, email`);
    return rows.map(summaryOf);
  }

  async getUser(id: string): Promise<UserSummary | null> {
    const [row] = await this.sql.query<UserDbRow>(`select ${USER_COLUMNS} from auth_user where id = $1`, [id]);
    return row ? summaryOf(row) : null;
  }

  /**
   * The account these credentials open, and whether it is disabled, or null; as slow for unknown
   * emails as for known ones (a decoy hash is verified), so timing does not tell which exist.
   */
  async verifyCredentials(email: string, password: string): Promise<{ user: SessionUser; disabled: boolean } | null> {
    const [row] = await this.sql.query<{ id: string; email: string; role: Role; password_hash: string; disabled_at: Date | string | null }>(
      'select id, email, role, password_hash, disabled_at from auth_user where email = $1',
      [email],
    );
    if (!row) {
      await verifyPassword(password, await decoyHash());
      return null;
    }
    if (!(await verifyPassword(password, row.password_hash))) return null;
    return { user: { id: row.id, email: row.email, role: row.role }, disabled: row.disabled_at !== null };
  }

  /** The enabled user whose email and password these are, or null. */
  async checkPassword(email: string, password: string): Promise<SessionUser | null> {
    const r = await this.verifyCredentials(email, password);
    return r && !r.disabled ? r.user : null;
  }

  async markSignedIn(userId: string, nowMs = Date.now()): Promise<void> {
    await this.sql.query('update auth_user set last_sign_in_at = $2 where id = $1', [userId, new Date(nowMs).toISOString()]);
  }

  /**
   * Change a user's role and/or disable or enable them; null when there is no such user. A role
   * change or disabling ends all their sessions in the same transaction (their sockets carry the
   * old role; a disabled user must be out at once): the caller disconnects the returned rooms.
   */
  async updateUser(id: string, change: { role?: Role; disabled?: boolean }, nowMs = Date.now()): Promise<UserChange | null> {
    return this.sql.transaction(async (tx) => {
      const [before] = await tx.query<UserDbRow>(`select ${USER_COLUMNS} from auth_user where id = $1 for update`, [id]);
      if (!before) return null;
      const [row] = await tx.query<UserDbRow>(
        `update auth_user set
           role = coalesce($2, role),
           disabled_at = case when $3::boolean is null then disabled_at when $3::boolean then coalesce(disabled_at, $4::timestamptz) else null end
         where id = $1 returning ${USER_COLUMNS}`,
        [id, change.role ?? null, change.disabled ?? null, new Date(nowMs).toISOString()],
      );
      const ends = row.disabled_at !== null || row.role !== before.role;
      const ended = ends ? await tx.query<{ token_hash: string }>('delete from auth_session where user_id = $1 returning token_hash', [id]) : [];
      return { user: summaryOf(row), endedRooms: ended.map((r) => roomOfHash(r.token_hash)) };
    });
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

  /** The user of a live session, or null when the token is unknown or expired or the user disabled. */
  async sessionUser(token: string | undefined, nowMs = Date.now()): Promise<SessionUser | null> {
    if (!token || token.length > 200) return null;
    const [row] = await this.sql.query<{ id: string; email: string; role: Role }>(
      `select u.id, u.email, u.role from auth_session s join auth_user u on u.id = s.user_id
       where s.token_hash = $1 and s.expires_at > $2 and u.disabled_at is null`,
      [tokenHash(token), new Date(nowMs).toISOString()],
    );
    return row ? { id: row.id, email: row.email, role: row.role } : null;
  }

  /** Revoke a session; returns its room, whose sockets the caller disconnects. */
  async deleteSession(token: string): Promise<string> {
    const hash = tokenHash(token);
    await this.sql.query('delete from auth_session where token_hash = $1', [hash]);
    return roomOfHash(hash);
  }
}

interface UserDbRow {
  id: string;
  email: string;
  role: Role;
  created_at: Date | string;
  last_sign_in_at: Date | string | null;
  disabled_at: Date | string | null;
}
const USER_COLUMNS = 'id, email, role, created_at, last_sign_in_at, disabled_at';
const summaryOf = (r: UserDbRow): UserSummary => ({
  id: r.id,
  email: r.email,
  role: r.role,
  createdAt: new Date(r.created_at).toISOString(),
  lastSignInAt: iso(r.last_sign_in_at),
  disabled: r.disabled_at !== null,
});

/** A stable, non-secret name for a session, for Socket.IO rooms (sign-out disconnects its sockets). */
export const sessionRoom = (token: string) => roomOfHash(tokenHash(token));
