import { actionSchema, type Action, type ActionStatus } from '@/lib/protocol/actions';
import { appendAudit, migrateAudit } from '../../audit/audit-log';
import type { Queryable, Sql } from '../../store/sql';
import type { Step } from './workflow';

/**
 * The gateway's actions: one row per action beside the alerts (the web process's PGlite folder, or
 * the Postgres every gateway shares), with its own schema version. Every change of state is written
 * with its audit entry in one transaction, under a row lock, so two gateways deciding at once see
 * each other's result. The keys make proposals and executions idempotent across gateways.
 */
const steps: string[] = [
  `create table action (
     id text primary key,
     propose_key text not null unique,
     execute_key text unique,
     kind text not null check (kind in ('signal-retiming', 'demand-response', 'traffic-restriction')),
     status text not null check (status in ('proposed', 'approved', 'rejected', 'executing', 'active', 'completed', 'rolled-back', 'failed')),
     impact_level text not null check (impact_level in ('low', 'high')),
     title text not null,
     target jsonb not null,
     plan jsonb not null,
     impact jsonb not null,
     method text not null,
     model_version text not null,
     alert_id text,
     proposed_by text not null,
     proposed_at timestamptz not null,
     decided_by text,
     decided_at timestamptz,
     reason text,
     executed_by text,
     executed_at timestamptz,
     active_from timestamptz,
     active_until timestamptz,
     ended_at timestamptz,
     ended_by text,
     observed jsonb not null default '[]'::jsonb,
     updated_at timestamptz not null
   );
   create index action_recent on action (proposed_at desc);
   create index action_open on action (status) where status in ('executing', 'active')`,
  // Title and method as message codes (lib/protocol/texts.ts); rows from before stay null and show their English.
  `alter table action add column title_text jsonb;
   alter table action add column method_text jsonb`,
];

const MIGRATION_LOCK = 0x706f6c63;

async function migrate(sql: Sql): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('create table if not exists action_schema_version (version int primary key, applied_at timestamptz not null default now())');
    const [row] = await tx.query<{ v: number | null }>('select max(version) as v from action_schema_version');
    for (let v = (row?.v ?? 0) + 1; v <= steps.length; v++) {
      for (const stmt of steps[v - 1].split(';').map((s) => s.trim()).filter(Boolean)) await tx.query(stmt);
      await tx.query('insert into action_schema_version (version) values ($1)', [v]);
    }
  });
}

type Time = Date | string | null;
interface ActionRow {
  id: string;
  execute_key: string | null;
  kind: string;
  status: string;
  impact_level: string;
  title: string;
  title_text: unknown;
  target: unknown;
  plan: unknown;
  impact: unknown;
  method: string;
  method_text: unknown;
  model_version: string;
  alert_id: string | null;
  proposed_by: string;
  proposed_at: Date | string;
  decided_by: string | null;
  decided_at: Time;
  reason: string | null;
  executed_by: string | null;
  executed_at: Time;
  active_from: Time;
  active_until: Time;
  ended_at: Time;
  ended_by: string | null;
  observed: unknown;
  updated_at: Date | string;
}

const iso = (v: Time) => (v === null ? null : new Date(v).toISOString());
const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);

/** Rows are checked on the way out: a row another version wrote must not reach browsers malformed. */
function toAction(r: ActionRow): Action {
  return actionSchema.parse({
    id: r.id,
    kind: r.kind,
    title: r.title,
    titleText: json(r.title_text),
    target: json(r.target),
    plan: json(r.plan),
    impact: json(r.impact),
    method: r.method,
    methodText: json(r.method_text),
    modelVersion: r.model_version,
    impactLevel: r.impact_level,
    status: r.status,
    alertId: r.alert_id,
    proposedBy: r.proposed_by,
    proposedAt: iso(r.proposed_at),
    decidedBy: r.decided_by,
    decidedAt: iso(r.decided_at),
    reason: r.reason,
    executedBy: r.executed_by,
    executedAt: iso(r.executed_at),
    activeFrom: iso(r.active_from),
    activeUntil: iso(r.active_until),
    endedAt: iso(r.ended_at),
    endedBy: r.ended_by,
    observed: json(r.observed),
    updatedAt: iso(r.updated_at),
  });
}

export interface StoredAction {
  action: Action;
  /** The key it was executed under, once it was. */
  executeKey: string | null;
}

/** What a step is, for the audit log: "action.approved" etc., with what else is worth keeping. */
export interface AuditNote {
  actor: string;
  event: string;
  detail?: Record<string, unknown>;
}

export class ActionStore {
  private constructor(private readonly sql: Sql) {}

  /** Migrates the action and audit tables on this connection; closing it stays with its owner. */
  static async open(sql: Sql): Promise<ActionStore> {
    await migrate(sql);
    await migrateAudit(sql);
    return new ActionStore(sql);
  }

  get db(): Queryable {
    return this.sql;
  }

  async get(id: string): Promise<StoredAction | null> {
    const [row] = await this.sql.query<ActionRow>('select * from action where id = $1', [id]);
    return row ? { action: toAction(row), executeKey: row.execute_key } : null;
  }

  async byProposeKey(key: string): Promise<Action | null> {
    const [row] = await this.sql.query<ActionRow>('select * from action where propose_key = $1', [key]);
    return row ? toAction(row) : null;
  }

  /** Newest first. */
  async list(limit: number): Promise<Action[]> {
    const rows = await this.sql.query<ActionRow>('select * from action order by proposed_at desc, id limit $1', [limit]);
    return rows.map(toAction);
  }

  async withStatus(statuses: readonly ActionStatus[]): Promise<StoredAction[]> {
    const rows = await this.sql.query<ActionRow>('select * from action where status = any($1::text[]) order by proposed_at', [statuses]);
    return rows.map((r) => ({ action: toAction(r), executeKey: r.execute_key }));
  }

  /**
   * Record a proposal under its key, with its audit entry. The key taken already (a retry, or
   * another gateway first): nothing is written and the action stored under it is returned.
   */
  async propose(action: Action, proposeKey: string, note: AuditNote): Promise<{ action: Action; created: boolean }> {
    return this.sql.transaction(async (tx) => {
      const rows = await tx.query<ActionRow>(
        `insert into action (id, propose_key, kind, status, impact_level, title, target, plan, impact, method, model_version, alert_id,
           proposed_by, proposed_at, observed, updated_at, title_text, method_text)
         values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11, $12, $13, $14, '[]'::jsonb, $15, $16::jsonb, $17::jsonb)
         on conflict (propose_key) do nothing returning *`,
        [
          action.id,
          proposeKey,
          action.kind,
          action.status,
          action.impactLevel,
          action.title,
          JSON.stringify(action.target),
          JSON.stringify(action.plan),
          JSON.stringify(action.impact),
          action.method,
          action.modelVersion,
          action.alertId,
          action.proposedBy,
          action.proposedAt,
          action.updatedAt,
          JSON.stringify(action.titleText),
          JSON.stringify(action.methodText),
        ],
      );
      if (!rows[0]) {
        const [existing] = await tx.query<ActionRow>('select * from action where propose_key = $1', [proposeKey]);
        return { action: toAction(existing), created: false };
      }
      await appendAudit(tx, { ...note, subject: action.id, at: action.updatedAt });
      return { action: toAction(rows[0]), created: true };
    });
  }

  /**
   * Apply one workflow step to the stored row under a lock: the step sees the row as committed,
   * and a change is written together with its audit entry (or not at all). `executeKey` is set
   * with the step that starts an execution. null: no such action.
   */
  async transition(id: string, step: (current: StoredAction) => Step, note: (after: Action, before: Action) => AuditNote, executeKey?: string): Promise<Step | null> {
    return this.sql.transaction(async (tx) => {
      const [row] = await tx.query<ActionRow>('select * from action where id = $1 for update', [id]);
      if (!row) return null;
      const before = toAction(row);
      const result = step({ action: before, executeKey: row.execute_key });
      if (!result.ok || !result.changed) return result;
      const a = result.action;
      await tx.query(
        `update action set status = $2, decided_by = $3, decided_at = $4, reason = $5, executed_by = $6, executed_at = $7,
           active_from = $8, active_until = $9, ended_at = $10, ended_by = $11, observed = $12::jsonb, updated_at = $13,
           execute_key = coalesce(execute_key, $14)
         where id = $1`,
        [
          id,
          a.status,
          a.decidedBy,
          a.decidedAt,
          a.reason,
          a.executedBy,
          a.executedAt,
          a.activeFrom,
          a.activeUntil,
          a.endedAt,
          a.endedBy,
          JSON.stringify(a.observed),
          a.updatedAt,
          a.status === 'executing' && before.status !== 'executing' ? (executeKey ?? null) : null,
        ],
      );
      // Observed points are measurements, not transitions: only changes of state are audited.
      if (a.status !== before.status) {
        const n = note(a, before);
        await appendAudit(tx, { actor: n.actor, event: n.event, subject: id, at: a.updatedAt, detail: { from: before.status, to: a.status, ...n.detail } });
      }
      return result;
    });
  }

  /** An audit entry outside a transition (refused requests). */
  audit(note: AuditNote & { subject: string | null }): Promise<unknown> {
    return appendAudit(this.sql, note);
  }
}
