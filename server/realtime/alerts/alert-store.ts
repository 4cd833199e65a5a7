import { randomUUID } from 'node:crypto';
import { alertSchema, type Alert, type AlertCondition } from '@/lib/protocol/alerts';
import type { Queryable, Sql } from '../../store/sql';

/**
 * The gateway's alerts: one table beside the auth tables of the web process (the same PGlite
 * folder, or the same Postgres shared by every gateway), with its own schema version. A partial
 * unique index keeps one open alert per key, even if two gateways raise it at the same moment.
 */
const steps: string[] = [
  `create table alert (
     id text primary key,
     key text not null,
     rule text not null,
     severity text not null check (severity in ('info', 'warning', 'critical')),
     status text not null check (status in ('new', 'acknowledged', 'resolved')),
     title text not null,
     detail text not null,
     place jsonb not null,
     value double precision,
     observed_at timestamptz,
     raised_at timestamptz not null,
     updated_at timestamptz not null,
     acknowledged_at timestamptz,
     acknowledged_by text,
     resolved_at timestamptz
   );
   create unique index alert_open_key on alert (key) where status <> 'resolved';
   create index alert_recent on alert (raised_at desc)`,
  // Title and detail as message codes (lib/protocol/texts.ts); rows from before stay null and show their English.
  `alter table alert add column title_text jsonb;
   alter table alert add column detail_text jsonb`,
];

/** Serialises migrations of several gateways starting at once on one Postgres. */
const MIGRATION_LOCK = 0x706f6c61;

async function migrate(sql: Sql): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('create table if not exists alert_schema_version (version int primary key, applied_at timestamptz not null default now())');
    const [row] = await tx.query<{ v: number | null }>('select max(version) as v from alert_schema_version');
    for (let v = (row?.v ?? 0) + 1; v <= steps.length; v++) {
      for (const stmt of steps[v - 1].split(';').map((s) => s.trim()).filter(Boolean)) await tx.query(stmt);
      await tx.query('insert into alert_schema_version (version) values ($1)', [v]);
    }
  });
}

interface AlertRow {
  id: string;
  key: string;
  rule: string;
  severity: string;
  status: string;
  title: string;
  detail: string;
  title_text: unknown;
  detail_text: unknown;
  place: unknown;
  value: number | string | null;
  observed_at: Date | string | null;
  raised_at: Date | string;
  updated_at: Date | string;
  acknowledged_at: Date | string | null;
  acknowledged_by: string | null;
  resolved_at: Date | string | null;
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
/** A jsonb column as PGlite (parsed) or a driver that hands back text gives it. */
const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);

/** Rows are checked on the way out too: a row another version wrote must not reach browsers malformed. */
function toAlert(r: AlertRow): Alert {
  return alertSchema.parse({
    id: r.id,
    key: r.key,
    rule: r.rule,
    severity: r.severity,
    status: r.status,
    title: r.title,
    detail: r.detail,
    titleText: json(r.title_text),
    detailText: json(r.detail_text),
    place: json(r.place),
    value: r.value === null ? null : Number(r.value),
    observedAt: iso(r.observed_at),
    raisedAt: iso(r.raised_at),
    updatedAt: iso(r.updated_at),
    acknowledgedAt: iso(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by,
    resolvedAt: iso(r.resolved_at),
  });
}

export type AckResult = { ok: true; alert: Alert; changed: boolean } | { ok: false; reason: 'not-found' };

export class AlertStore {
  private constructor(private readonly db: Queryable) {}

  /** Migrates the alert table on this connection; closing the connection stays with its owner. */
  static async open(sql: Sql): Promise<AlertStore> {
    await migrate(sql);
    return new AlertStore(sql);
  }

  /** Raise a new alert for a condition; null when an open one with its key exists already. */
  async raise(c: AlertCondition, nowMs: number): Promise<Alert | null> {
    const now = new Date(nowMs).toISOString();
    const rows = await this.db.query<AlertRow>(
      `insert into alert (id, key, rule, severity, status, title, detail, title_text, detail_text, place, value, observed_at, raised_at, updated_at)
       values ($1, $2, $3, $4, 'new', $5, $6, $7, $8, $9, $10, $11, $12, $12)
       on conflict (key) where status <> 'resolved' do nothing
       returning *`,
      [randomUUID(), c.key, c.rule, c.severity, c.title, c.detail, JSON.stringify(c.titleText), JSON.stringify(c.detailText), JSON.stringify(c.place), c.value, c.observedAt, now],
    );
    return rows[0] ? toAlert(rows[0]) : null;
  }

  /** A still-open alert got worse: new severity and wording, same lifecycle. */
  async escalate(id: string, c: AlertCondition, nowMs: number): Promise<Alert | null> {
    const rows = await this.db.query<AlertRow>(
      `update alert set severity = $2, title = $3, detail = $4, title_text = $5, detail_text = $6, value = $7, observed_at = $8, updated_at = $9
       where id = $1 and status <> 'resolved' returning *`,
      [id, c.severity, c.title, c.detail, JSON.stringify(c.titleText), JSON.stringify(c.detailText), c.value, c.observedAt, new Date(nowMs).toISOString()],
    );
    return rows[0] ? toAlert(rows[0]) : null;
  }

  /** Acknowledge a new alert; acknowledging one already acknowledged or resolved changes nothing. */
  async acknowledge(id: string, by: string, nowMs: number): Promise<AckResult> {
    const now = new Date(nowMs).toISOString();
    const rows = await this.db.query<AlertRow>(
      `update alert set status = 'acknowledged', acknowledged_at = $2, acknowledged_by = $3, updated_at = $2
       where id = $1 and status = 'new' returning *`,
      [id, now, by],
    );
    if (rows[0]) return { ok: true, alert: toAlert(rows[0]), changed: true };
    const current = await this.get(id);
    return current ? { ok: true, alert: current, changed: false } : { ok: false, reason: 'not-found' };
  }

  /** The condition cleared: resolved, keeping who acknowledged it. */
  async resolve(id: string, nowMs: number): Promise<Alert | null> {
    const now = new Date(nowMs).toISOString();
    const rows = await this.db.query<AlertRow>(`update alert set status = 'resolved', resolved_at = $2, updated_at = $2 where id = $1 and status <> 'resolved' returning *`, [
      id,
      now,
    ]);
    return rows[0] ? toAlert(rows[0]) : null;
  }

  async get(id: string): Promise<Alert | null> {
    const [row] = await this.db.query<AlertRow>('select * from alert where id = $1', [id]);
    return row ? toAlert(row) : null;
  }

  async open(): Promise<Alert[]> {
    const rows = await this.db.query<AlertRow>(`select * from alert where status <> 'resolved' order by raised_at desc`);
    return rows.map(toAlert);
  }

  /** Open alerts and those resolved since `resolvedSinceMs`, newest first. */
  async recent(resolvedSinceMs: number, limit: number): Promise<Alert[]> {
    const rows = await this.db.query<AlertRow>(
      `select * from alert where status <> 'resolved' or resolved_at >= $1 order by raised_at desc, id limit $2`,
      [new Date(resolvedSinceMs).toISOString(), limit],
    );
    return rows.map(toAlert);
  }
}
