import { BUCKET_HOURS, CONGESTED_BELOW_RATIO } from '@/lib/domain/kpi';
import type { Queryable } from '../../store/sql';

const HOUR_MS = 3_600_000;
/** The newest hours are re-rolled on every pass: their last buckets may still change. */
const ALWAYS_REROLL_HOURS = 2;

const iso = (ms: number) => new Date(ms).toISOString();
const ms = (d: Date | string) => new Date(d).getTime();
const hourOf = (col: string) => `to_timestamp(floor(extract(epoch from ${col}) / 3600) * 3600)`;

/**
 * Per-row totals of a 5-minute traffic bucket on its segment: vehicle-km (flow × 5 min × length),
 * vehicle-hours at the measured speed and at free flow, and the vehicle-km driven congested.
 * Speeds under 1 km/h count as 1 so a standstill gives a large, finite time.
 */
export const TRAFFIC_TOTALS_SQL = `
  t.flow_vph * ${BUCKET_HOURS} * s.length_m / 1000.0 as vkt,
  t.flow_vph * ${BUCKET_HOURS} * s.length_m / 1000.0 / greatest(t.speed_kmh, 1) as vht,
  t.flow_vph * ${BUCKET_HOURS} * s.length_m / 1000.0 / s.free_flow_kmh as vht_free,
  case when t.speed_kmh < ${CONGESTED_BELOW_RATIO} * s.free_flow_kmh then t.flow_vph * ${BUCKET_HOURS} * s.length_m / 1000.0 else 0 end as vkt_congested`;

/** Roll the 5-minute rows of the hours in [fromMs, toMs) into kpi_traffic_hour (replacing them). */
export async function rollTrafficHours(db: Queryable, fromMs: number, toMs: number): Promise<void> {
  await db.query('delete from kpi_traffic_hour where hour >= $1 and hour < $2', [iso(fromMs), iso(toMs)]);
  await db.query(
    `insert into kpi_traffic_hour (hour, road_class, vkt, vht, vht_free, vkt_congested, rows)
     select ${hourOf('x.bucket')}, x.road_class, sum(x.vkt), sum(x.vht), sum(x.vht_free), sum(x.vkt_congested), count(*)
     from (select t.bucket, s.road_class, ${TRAFFIC_TOTALS_SQL}
           from traffic_5min t join road_segment s on s.id = t.segment_id
           where t.bucket >= $1 and t.bucket < $2) x
     group by 1, 2`,
    [iso(fromMs), iso(toMs)],
  );
}

export interface RollupPass {
  /** Hours rolled in this pass. */
  rolled: number;
  /** Hours whose 5-minute rows were counted to see whether they changed. */
  probed: number;
}

/**
 * Bring kpi_traffic_hour up to date with traffic_5min, incrementally: an hour holding every
 * segment's 12 buckets is final; an incomplete one (history still arriving, newest data) is
 * re-rolled when its row count changed, the newest hours on every pass. The twin backfills
 * history newest day first, so old hours appear after newer ones have been rolled.
 */
export async function rollTraffic(db: Queryable): Promise<RollupPass> {
  const [range] = await db.query<{ a: Date | null; b: Date | null; segs: number }>(
    'select min(bucket) as a, max(bucket) as b, (select count(*)::int from road_segment) as segs from traffic_5min',
  );
  if (!range?.a || !range.b) return { rolled: 0, probed: 0 };
  const full = range.segs * 12;
  const first = Math.floor(ms(range.a) / HOUR_MS) * HOUR_MS;
  const last = Math.floor(ms(range.b) / HOUR_MS) * HOUR_MS;
  const held = new Map<number, number>();
  for (const r of await db.query<{ hour: Date; rows: number }>('select hour, sum(rows)::int as rows from kpi_traffic_hour group by hour'))
    held.set(ms(r.hour), r.rows);
  let rolled = 0;
  let probed = 0;
  for (let h = first; h <= last; h += HOUR_MS) {
    const have = held.get(h) ?? 0;
    const recent = h > last - ALWAYS_REROLL_HOURS * HOUR_MS;
    if (have >= full && !recent) continue;
    if (!recent) {
      probed++;
      const [c] = await db.query<{ n: number }>('select count(*)::int as n from traffic_5min where bucket >= $1 and bucket < $2', [iso(h), iso(h + HOUR_MS)]);
      if (!c || c.n === have) continue;
    }
    await rollTrafficHours(db, h, h + HOUR_MS);
    rolled++;
  }
  return { rolled, probed };
}
