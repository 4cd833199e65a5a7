import { z } from 'zod';
import { modelVersionSchema, type ForecastTarget, type ModelFamily, type ModelVersion } from '@/lib/protocol/forecast';
import type { Queryable } from '../../store/sql';

/**
 * The model registry in the store: every trained version's card (metrics, data range, status)
 * and artefact, and per training run the seasonal profile and scales its models build on.
 */
export const runArtefactSchema = z.object({
  ids: z.array(z.string()),
  slotMs: z.number().int().positive(),
  slots: z.string(),
  scales: z.array(z.number()),
});
export type RunArtefact = z.infer<typeof runArtefactSchema>;

const versionArtefactSchema = z.object({ runId: z.string(), model: z.unknown() });

export async function saveRun(db: Queryable, runId: string, target: ForecastTarget, run: RunArtefact, at: Date): Promise<void> {
  await db.query('insert into model_run (run_id, target, created_at, profile) values ($1, $2, $3, $4)', [runId, target, at.toISOString(), JSON.stringify(run)]);
}

/** Register a new version (its number is the model's next); returns the card as stored. */
export async function saveVersion(db: Queryable, card: Omit<ModelVersion, 'version'>, runId: string, model: unknown): Promise<ModelVersion> {
  const [row] = await db.query<{ v: number | null }>('select max(version) as v from model_version where model_id = $1', [card.id]);
  const stored = modelVersionSchema.parse({ ...card, version: (row?.v ?? 0) + 1 });
  await db.query(
    `insert into model_version (model_id, version, target, family, status, created_at, card, artefact)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)`,
    [stored.id, stored.version, stored.target, stored.family, stored.status, stored.createdAt, JSON.stringify(stored), JSON.stringify({ runId, model })],
  );
  return stored;
}

/** Make one version the target's serving one; the others of the target step down to standby. */
export async function setServing(db: Queryable, target: ForecastTarget, modelId: string, version: number): Promise<void> {
  await db.query(
    `update model_version set status = case when model_id = $2 and version = $3 then 'serving' else 'standby' end,
       card = jsonb_set(card, '{status}', to_jsonb(case when model_id = $2 and version = $3 then 'serving' else 'standby' end))
     where target = $1 and status <> 'failed'`,
    [target, modelId, version],
  );
}

const cardOf = (raw: unknown) => modelVersionSchema.parse(typeof raw === 'string' ? JSON.parse(raw) : raw);

/** The newest `perModel` versions of every model, newest first. */
export async function listVersions(db: Queryable, perModel = 3): Promise<ModelVersion[]> {
  const rows = await db.query<{ card: unknown }>(
    `select card from (select card, created_at, row_number() over (partition by model_id order by version desc) as r from model_version) v
     where r <= $1 order by created_at desc`,
    [perModel],
  );
  return rows.map((r) => cardOf(r.card));
}

export interface ServingEntry {
  card: ModelVersion;
  runId: string;
  run: RunArtefact;
  /** The artefact of every family trained in the same run (the serving one, its baseline fallback, the ridge that explains). */
  family: Partial<Record<ModelFamily, unknown>>;
}

/** What a target serves: the serving version, its run's profile, and the artefacts of that run. */
export async function loadServing(db: Queryable, target: ForecastTarget): Promise<ServingEntry | null> {
  const [row] = await db.query<{ card: unknown; artefact: string }>(
    `select card, artefact from model_version where target = $1 and status = 'serving' order by created_at desc limit 1`,
    [target],
  );
  if (!row) return null;
  const art = versionArtefactSchema.parse(JSON.parse(row.artefact));
  const [run] = await db.query<{ profile: string }>('select profile from model_run where run_id = $1', [art.runId]);
  if (!run) return null;
  const siblings = await db.query<{ family: ModelFamily; artefact: string }>(
    `select family, artefact from model_version where target = $1 and status <> 'failed' and artefact like $2`,
    [target, `{"runId":"${art.runId}"%`],
  );
  const family: Partial<Record<ModelFamily, unknown>> = {};
  for (const s of siblings) family[s.family] = versionArtefactSchema.parse(JSON.parse(s.artefact)).model;
  return { card: cardOf(row.card), runId: art.runId, run: runArtefactSchema.parse(JSON.parse(run.profile)), family };
}

/** Changes whenever a version is registered or a serving one changes: the service reloads then. */
export async function registryStamp(db: Queryable): Promise<string> {
  const [row] = await db.query<{ n: number; t: Date | string | null; s: string | null }>(
    `select count(*)::int as n, max(created_at) as t, string_agg(model_id || ':' || version, ',' order by model_id) filter (where status = 'serving') as s from model_version`,
  );
  return `${row?.n ?? 0}|${row?.t ? new Date(row.t).toISOString() : ''}|${row?.s ?? ''}`;
}

/** Drop old artefacts (keep cards): the newest `keep` runs of a target keep theirs. */
export async function pruneRuns(db: Queryable, target: ForecastTarget, keep = 3): Promise<void> {
  await db.query(
    `delete from model_run where target = $1 and run_id not in (select run_id from model_run where target = $1 order by created_at desc limit $2)`,
    [target, keep],
  );
}
