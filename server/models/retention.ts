import type { Queryable } from '../store/sql';

/**
 * Retention of raw observations (OBSERVATION_RETENTION_DAYS): a raw reading older than the
 * retention period is deleted only when its 5-minute bucket exists in the rollup table, so
 * history is never lost, only its 10-second detail. Kinds that have no rollup by design (battery
 * readings: state of charge, kept for the live view) go by age alone.
 * Traffic's raw rows are pruned far sooner (RAW_RETENTION_MS); the rule here bounds them too.
 */
export const RAW_TABLES = [
  { raw: 'traffic_obs', key: 'segment_id', rollup: 'traffic_5min', rolled: 'true' },
  { raw: 'grid_obs', key: 'asset_id', rollup: 'grid_5min', rolled: "o.kind in ('feeder', 'substation')" },
  { raw: 'air_obs', key: 'station_id', rollup: 'air_5min', rolled: 'true' },
  { raw: 'weather_obs', key: 'station_id', rollup: 'weather_5min', rolled: 'true' },
] as const;
export type RawTable = (typeof RAW_TABLES)[number]['raw'];

const DAY_MS = 86_400_000;
const bucketOf = (col: string) => `to_timestamp(floor(extract(epoch from ${col}) / 300) * 300)`;

export interface RetentionResult {
  cutoff: string;
  /** Raw rows deleted, per table. */
  deleted: Record<RawTable, number>;
  /** Raw rows past the cutoff kept because their bucket is not rolled up yet. */
  waiting: Record<RawTable, number>;
}

/** Deletes raw readings older than `retentionDays` before `nowMs` whose 5-minute rollup exists. */
export async function applyRetention(db: Queryable, retentionDays: number, nowMs: number): Promise<RetentionResult> {
  const cutoff = new Date(nowMs - retentionDays * DAY_MS).toISOString();
  const deleted = {} as Record<RawTable, number>;
  const waiting = {} as Record<RawTable, number>;
  for (const t of RAW_TABLES) {
    // Table and column names are the constants above, never input.
    const [d] = await db.query<{ n: number }>(
      `with d as (
         delete from ${t.raw} o where o.observed_at < $1
           and (not (${t.rolled}) or exists (select 1 from ${t.rollup} r where r.${t.key} = o.${t.key} and r.bucket = ${bucketOf('o.observed_at')}))
         returning 1)
       select count(*)::int as n from d`,
      [cutoff],
    );
    deleted[t.raw] = d?.n ?? 0;
    const [w] = await db.query<{ n: number }>(`select count(*)::int as n from ${t.raw} where observed_at < $1`, [cutoff]);
    waiting[t.raw] = w?.n ?? 0;
  }
  return { cutoff, deleted, waiting };
}

export interface RetentionJobOptions {
  db: Queryable;
  retentionDays: number;
  /** How often the job runs; hourly is plenty for a period counted in days. */
  intervalMs?: number;
  now?: () => number;
  log: (line: string) => void;
}

/** Runs applyRetention at start and then every intervalMs; close() stops it. */
export function startRetention(o: RetentionJobOptions): { close: () => void; runNow: () => Promise<RetentionResult> } {
  const now = o.now ?? Date.now;
  let running: Promise<RetentionResult> | null = null;
  const runNow = () => {
    running ??= applyRetention(o.db, o.retentionDays, now())
      .then((r) => {
        const total = Object.values(r.deleted).reduce((a, b) => a + b, 0);
        const waiting = Object.values(r.waiting).reduce((a, b) => a + b, 0);
        if (total > 0 || waiting > 0) o.log(`retention: deleted ${total} raw readings before ${r.cutoff}${waiting > 0 ? `, ${waiting} wait for their rollup` : ''}`);
        return r;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const tick = () => void runNow().catch((err: unknown) => o.log(`retention failed: ${err instanceof Error ? err.message : String(err)}`));
  const first = setTimeout(tick, 0);
  const timer = setInterval(tick, o.intervalMs ?? 3_600_000);
  first.unref();
  timer.unref();
  return {
    runNow,
    close: () => {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
