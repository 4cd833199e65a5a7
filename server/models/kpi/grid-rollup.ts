import type { Queryable } from '../../store/sql';
import { hourOf, iso, rollHourly, type HourlyRollup, type RollupPass } from './hourly-rollup';

/** kpi_grid_hour.scope of the whole system; any other scope is a substation's id. */
export const SYSTEM_SCOPE = '*';

/**
 * Roll grid_5min's hours in [fromMs, toMs) into kpi_grid_hour: per hour, for the whole system and
 * for each substation (its own load, its feeders' solar and overloads), the sum and the highest
 * of the 5-minute loads. The system's peak is the highest 5-minute sum over substations, so it
 * is rolled from the per-bucket sum, not from the substations' own peaks.
 */
export async function rollGridHours(db: Queryable, fromMs: number, toMs: number): Promise<void> {
  await db.query('delete from kpi_grid_hour where hour >= $1 and hour < $2', [iso(fromMs), iso(toMs)]);
  await db.query(
    `insert into kpi_grid_hour (hour, scope, load_sum, peak, buckets, solar_sum, overload_buckets, rows)
     with sys as (
       select bucket, asset_id, load_kw from grid_5min
       where kind = 'substation' and bucket >= $1 and bucket < $2),
     feed as (
       select g.bucket, a.body->>'substationId' as sub, coalesce(g.solar_kw, 0) as solar,
              case when g.load_kw > (a.body->>'capacityKw')::double precision then 1 else 0 end as over
       from grid_5min g join grid_asset a on a.id = g.asset_id
       where g.kind = 'feeder' and g.bucket >= $1 and g.bucket < $2),
     sb as (
       select bucket, asset_id as scope, load_kw as kw, 1 as n from sys
       union all
       select bucket, '${SYSTEM_SCOPE}', sum(load_kw), count(*) from sys group by bucket),
     fb as (
       select bucket, sub as scope, sum(solar) as solar, sum(over) as over, count(*) as n from feed where sub is not null group by bucket, sub
       union all
       select bucket, '${SYSTEM_SCOPE}', sum(solar), sum(over), count(*) from feed group by bucket)
     select ${hourOf('sb.bucket')}, sb.scope, sum(sb.kw), max(sb.kw), count(*)::int,
            coalesce(sum(fb.solar), 0), coalesce(sum(fb.over), 0)::int, (sum(sb.n) + coalesce(sum(fb.n), 0))::int
     from sb left join fb on fb.bucket = sb.bucket and fb.scope = sb.scope
     group by 1, 2`,
    [iso(fromMs), iso(toMs)],
  );
}

const gridRollup: HourlyRollup = {
  source: 'grid_5min',
  fullHour: async (db) => {
    const [r] = await db.query<{ n: number }>("select count(*)::int as n from grid_asset where kind in ('feeder', 'substation')");
    return (r?.n ?? 0) * 12;
  },
  heldSql: `select hour, rows from kpi_grid_hour where scope = '${SYSTEM_SCOPE}'`,
  roll: rollGridHours,
};

/** Bring kpi_grid_hour up to date with grid_5min (see rollHourly). */
export const rollGrid = (db: Queryable): Promise<RollupPass> => rollHourly(db, gridRollup);
