import type { Queryable } from '../../store/sql';

export const HOUR_MS = 3_600_000;
/** The newest hours are re-rolled on every pass: their last buckets may still change. */
const ALWAYS_REROLL_HOURS = 2;

export const iso = (ms: number) => new Date(ms).toISOString();
const ms = (d: Date | string) => new Date(d).getTime();
export const hourOf = (col: string) => `to_timestamp(floor(extract(epoch from ${col}) / 3600) * 3600)`;

/** An hourly rollup of a 5-minute table: what it reads, where it writes, how to roll an hour range. */
export interface HourlyRollup {
  /** The 5-minute table (a constant, never input); its time column is `bucket`. */
  source: string;
  /** Rows the source holds for one complete hour (every asset's 12 buckets). */
  fullHour: (db: Queryable) => Promise<number>;
  /** Source rows already rolled, per hour. */
  heldSql: string;
  /** Replace the rollup rows of the hours in [fromMs, toMs) with fresh ones from the source. */
  roll: (db: Queryable, fromMs: number, toMs: number) => Promise<void>;
}

export interface RollupPass {
  /** Hours rolled in this pass. */
  rolled: number;
  /** Hours whose 5-minute rows were counted to see whether they changed. */
  probed: number;
}

/**
 * Bring a rollup up to date with its 5-minute table, incrementally: an hour holding every asset's
 * 12 buckets is final; an incomplete one (history still arriving, newest data) is re-rolled when
 * its row count changed, the newest hours on every pass. The twin backfills history newest day
 * first, so old hours appear after newer ones have been rolled.
 */
export async function rollHourly(db: Queryable, r: HourlyRollup): Promise<RollupPass> {
  const [range] = await db.query<{ a: Date | null; b: Date | null }>(`select min(bucket) as a, max(bucket) as b from ${r.source}`);
  if (!range?.a || !range.b) return { rolled: 0, probed: 0 };
  const full = await r.fullHour(db);
  const first = Math.floor(ms(range.a) / HOUR_MS) * HOUR_MS;
  const last = Math.floor(ms(range.b) / HOUR_MS) * HOUR_MS;
  const held = new Map<number, number>();
  for (const row of await db.query<{ hour: Date; rows: number }>(r.heldSql)) held.set(ms(row.hour), row.rows);
  let rolled = 0;
  let probed = 0;
  for (let h = first; h <= last; h += HOUR_MS) {
    const have = held.get(h) ?? 0;
    const recent = h > last - ALWAYS_REROLL_HOURS * HOUR_MS;
    if (have >= full && !recent) continue;
    if (!recent) {
      probed++;
      const [c] = await db.query<{ n: number }>(`select count(*)::int as n from ${r.source} where bucket >= $1 and bucket < $2`, [iso(h), iso(h + HOUR_MS)]);
      if (!c || c.n === have) continue;
    }
    await r.roll(db, h, h + HOUR_MS);
    rolled++;
  }
  return { rolled, probed };
}
