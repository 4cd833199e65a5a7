import { auditEntrySchema, type AuditEntry } from '@/lib/protocol/actions';
import type { Queryable, Sql } from '../store/sql';

/**
 * The append-only audit log of the web process (actions, sign-ins, acknowledgements): one table
 * beside the auth and alert tables (DATA_DIR/auth on PGlite, or the shared Postgres), with its own
 * schema version like theirs. Append-only is enforced by the database itself: triggers raise on
 * UPDATE, DELETE and TRUNCATE, so no code path (or API built on it) can edit or remove an entry.
 *
 * Each step is a list of statements (a PL/pgSQL body holds semicolons, so no splitting on ';').
 */
const steps: string[][] = [
  [
    `create table audit_log (
       seq bigint generated always as identity primary key,
       at timestamptz not null default now(),
       actor text not null,
       event text not null,
       subject text,
       detail jsonb not null default '{}'::jsonb
     )`,
    `create index audit_log_subject on audit_log (subject, seq)`,
    `create function audit_log_append_only() returns trigger language plpgsql as $$
     begin
       raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
     end
     $$`,
    `create trigger audit_log_no_change before update or delete on audit_log
       for each row execute function audit_log_append_only()`,
    `create trigger audit_log_no_truncate before truncate on audit_log
       for each statement execute function audit_log_append_only()`,
  ],
];

/** Serialises migrations of several gateways starting at once on one Postgres. */
const MIGRATION_LOCK = 0x706f6c64;

const migrated = new WeakSet<object>();

/** Create the audit table on this connection (once per connection object; safe to repeat). */
export async function migrateAudit(sql: Sql): Promise<void> {
  if (migrated.has(sql)) return;
  await sql.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('create table if not exists audit_schema_version (version int primary key, applied_at timestamptz not null default now())');
    const [row] = await tx.query<{ v: number | null }>('select max(version) as v from audit_schema_version');
    for (let v = (row?.v ?? 0) + 1; v <= steps.length; v++) {
      for (const stmt of steps[v - 1]) await tx.query(stmt);
      await tx.query('insert into audit_schema_version (version) values ($1)', [v]);
    }
  });
  migrated.add(sql);
}

const isSql = (db: Queryable): db is Sql => 'transaction' in db && 'exec' in db;

export interface AuditInput {
  /** Who: a user's email, or "system". */
  actor: string;
  /** e.g. "action.proposed", "auth.sign-in". */
  event: string;
  /** What it concerns (an action id, an email), if anything. */
  subject?: string | null;
  detail?: Record<string, unknown>;
  /** When; the database's clock unless given (tests, or an event's own time). */
  at?: string;
}

interface AuditRow {
  seq: number | string;
  at: Date | string;
  actor: string;
  event: string;
  subject: string | null;
  detail: unknown;
}

const toEntry = (r: AuditRow): AuditEntry =>
  auditEntrySchema.parse({
    seq: Number(r.seq),
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    event: r.event,
    subject: r.subject,
    detail: typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail,
  });

/**
 * Append one entry. `store` is the web process's connection (migrated here on first use) or a
 * transaction on it, so an entry commits or rolls back with the change it records (the table must
 * exist already then: the gateway migrates it at start).
 */
export async function appendAudit(store: Queryable, input: AuditInput): Promise<AuditEntry> {
  if (isSql(store)) await migrateAudit(store);
  const [row] = await store.query<AuditRow>(
    `insert into audit_log (at, actor, event, subject, detail) values (coalesce($1::timestamptz, now()), $2, $3, $4, $5::jsonb)
     returning seq, at, actor, event, subject, detail`,
    [input.at ?? null, input.actor.slice(0, 254), input.event.slice(0, 100), input.subject?.slice(0, 200) ?? null, JSON.stringify(input.detail ?? {})],
  );
  return toEntry(row);
}

export interface AuditListQuery {
  /** At most this many entries (default 500). */
  limit?: number;
  /** Only entries older than this sequence number (paging backwards). */
  before?: number;
  /** Only entries about this subject. */
  subject?: string;
}

/** Entries newest first. */
export async function listAudit(store: Queryable, query: AuditListQuery = {}): Promise<AuditEntry[]> {
  if (isSql(store)) await migrateAudit(store);
  const rows = await store.query<AuditRow>(
    `select seq, at, actor, event, subject, detail from audit_log
     where ($1::bigint is null or seq < $1) and ($2::text is null or subject = $2)
     order by seq desc limit $3`,
    [query.before ?? null, query.subject ?? null, Math.min(Math.max(query.limit ?? 500, 1), 10_000)],
  );
  return rows.map(toEntry);
}
