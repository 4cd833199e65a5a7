import { BUCKET_HOURS, CONGESTED_BELOW_RATIO } from '@/lib/domain/kpi';
import type { Queryable } from '../../store/sql';
import { hourOf, iso, rollHourly, type HourlyRollup, type RollupPass } from './hourly-rollup';

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

const trafficRollup: HourlyRollup = {
  source: 'traffic_5min',
  fullHour: async (db) => {
    const [r] = await db.query<{ n: number }>('select count(*)::int as n from road_segment');
    return (r?.n ?? 0) * 12;
  },
  heldSql: 'select hour, sum(rows)::int as rows from kpi_traffic_hour group by hour',
  roll: rollTrafficHours,
};

/** Bring kpi_traffic_hour up to date with traffic_5min (see rollHourly). */
export const rollTraffic = (db: Queryable): Promise<RollupPass> => rollHourly(db, trafficRollup);
