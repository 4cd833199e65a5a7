import type { Queryable } from '../../store/sql';
import { hourOf, iso, rollHourly, type HourlyRollup, type RollupPass } from './hourly-rollup';

/** Roll air_5min's hours in [fromMs, toMs) into kpi_air_hour: each station's hourly means. */
export async function rollAirHours(db: Queryable, fromMs: number, toMs: number): Promise<void> {
  await db.query('delete from kpi_air_hour where hour >= $1 and hour < $2', [iso(fromMs), iso(toMs)]);
  await db.query(
    `insert into kpi_air_hour (hour, station_id, pm25, pm10, no2, o3, co, rows)
     select ${hourOf('bucket')}, station_id, avg(pm25), avg(pm10), avg(no2), avg(o3), avg(co), count(*)::int
     from air_5min where bucket >= $1 and bucket < $2 group by 1, 2`,
    [iso(fromMs), iso(toMs)],
  );
}

const airRollup: HourlyRollup = {
  source: 'air_5min',
  fullHour: async (db) => {
    const [r] = await db.query<{ n: number }>('select count(*)::int as n from air_station');
    return (r?.n ?? 0) * 12;
  },
  heldSql: 'select hour, sum(rows)::int as rows from kpi_air_hour group by hour',
  roll: rollAirHours,
};

/** Bring kpi_air_hour up to date with air_5min (see rollHourly). */
export const rollAir = (db: Queryable): Promise<RollupPass> => rollHourly(db, airRollup);
