/**
 * A city's KPI history for benchmarks: a day of 5-minute traffic, grid and air rows generated in
 * SQL, and the hourly rollups of that day copied back over the days before it (a little different
 * per weekday), so a month's reports can be timed without generating 17 million rows.
 */
import type { Queryable } from '../server/store/sql';
import type { Store } from '../server/store/store';
import type { City } from '../server/twin/city';
import { placeStations } from '../server/twin/air/stations';
import { generateGrid } from '../server/twin/grid/network';
import { upsertGridAssets } from '../server/models/grid/store';

export const DAY_MS = 86_400_000;
/** A month plus the four weeks the forecast baseline reads. */
export const HISTORY_DAYS = 62;

const dayRange = (end: number) => [new Date(end - DAY_MS).toISOString(), new Date(end - 300_000).toISOString()];
const secOfDay = `(extract(epoch from b)::bigint % 86400)`;

/** Road segments, grid assets and air stations of the city, as the twin describes them. */
export async function seedAssets(store: Store, city: City, seed: number): Promise<{ substations: number; feeders: number; stations: number }> {
  await store.upsertSegments(city.segments);
  const { network } = generateGrid(city, seed);
  await upsertGridAssets(store.db, [
    ...network.substations.map((asset) => ({ kind: 'substation' as const, asset })),
    ...network.feeders.map((asset) => ({ kind: 'feeder' as const, asset })),
  ]);
  const stations = placeStations(city, seed);
  await store.db.query(
    `insert into air_station (id, name, lon, lat) select * from unnest($1::text[], $2::text[], $3::float8[], $4::float8[]) on conflict (id) do nothing`,
    [stations.map((st) => st.id), stations.map((st) => st.name), stations.map((st) => st.location[0]), stations.map((st) => st.location[1])],
  );
  return { substations: network.substations.length, feeders: network.feeders.length, stations: stations.length };
}

/** The day before `end` of 5-minute traffic: two rush hours, different per segment. */
export async function generateTrafficDay(db: Queryable, end: number): Promise<void> {
  await db.query(
    `insert into traffic_5min (segment_id, bucket, speed_kmh, flow_vph, n)
     select s.id, b,
            s.free_flow_kmh * (0.95 - 0.5 * exp(-power((${secOfDay} - 28800) / 3600.0, 2))
                                    - 0.45 * exp(-power((${secOfDay} - 63000) / 3600.0, 2)) * (0.5 + (abs(hashtext(s.id)) % 100) / 200.0)),
            s.capacity_vph * (0.2 + 0.6 * exp(-power((${secOfDay} - 46800) / 18000.0, 2))), 30
     from road_segment s cross join generate_series($1::timestamptz, $2::timestamptz, interval '5 minutes') b`,
    dayRange(end),
  );
}

/** The day before `end` of 5-minute grid loads: feeders peak at 18:00 (some near capacity), substations carry their feeders' sum. */
export async function generateGridDay(db: Queryable, end: number): Promise<void> {
  await db.query(
    `insert into grid_5min (asset_id, bucket, kind, load_kw, solar_kw, n)
     select a.id, b, 'feeder',
            (a.body->>'capacityKw')::float8 * (0.45 + 0.5 * exp(-power((${secOfDay} - 64800) / 10800.0, 2)) * (0.8 + (abs(hashtext(a.id)) % 100) / 250.0)),
            greatest(0, 200 * sin(pi() * (${secOfDay} / 3600.0 - 6) / 12)), 30
     from grid_asset a cross join generate_series($1::timestamptz, $2::timestamptz, interval '5 minutes') b where a.kind = 'feeder'`,
    dayRange(end),
  );
  await db.query(
    `insert into grid_5min (asset_id, bucket, kind, load_kw, solar_kw, n)
     select a.body->>'substationId', g.bucket, 'substation', sum(g.load_kw), sum(g.solar_kw), 30
     from grid_5min g join grid_asset a on a.id = g.asset_id where g.kind = 'feeder' and g.bucket >= $1 group by 1, 2`,
    [dayRange(end)[0]],
  );
}

/** The day before `end` of 5-minute air means: PM2.5 peaks in the morning and evening, higher at some stations. */
export async function generateAirDay(db: Queryable, end: number): Promise<void> {
  const peak = (centre: number, width: number) => `exp(-power((${secOfDay} - ${centre}) / ${width}.0, 2))`;
  await db.query(
    `insert into air_5min (station_id, bucket, pm25, no2, o3, pm10, co, n)
     select s.id, b,
            8 + 30 * ${peak(28800, 7200)} * (0.5 + (abs(hashtext(s.id)) % 100) / 100.0) + 20 * ${peak(66600, 7200)},
            20 + 25 * ${peak(28800, 7200)}, 30 + 50 * ${peak(54000, 10800)}, 15 + 40 * ${peak(28800, 7200)}, 0.4, 30
     from air_station s cross join generate_series($1::timestamptz, $2::timestamptz, interval '5 minutes') b`,
    dayRange(end),
  );
}

const copy = (table: string, cols: string, scaled: string) =>
  `insert into ${table} (hour, ${cols}) select hour - d * interval '1 day', ${scaled} from ${table} cross join generate_series(1, ${HISTORY_DAYS - 1}) d`;

/** Copy each rollup's rolled day over the HISTORY_DAYS - 1 days before it. */
export const COPY_ROLLED_DAY = {
  traffic: copy('kpi_traffic_hour', 'road_class, vkt, vht, vht_free, vkt_congested, rows', 'road_class, vkt * (1 + 0.02 * (d % 7)), vht * (1 + 0.03 * (d % 7)), vht_free * (1 + 0.02 * (d % 7)), vkt_congested, rows'),
  grid: copy('kpi_grid_hour', 'scope, load_sum, peak, buckets, solar_sum, overload_buckets, rows', 'scope, load_sum * (1 + 0.02 * (d % 7)), peak * (1 + 0.02 * (d % 7)), buckets, solar_sum * (1 - 0.05 * (d % 5)), overload_buckets, rows'),
  air: copy('kpi_air_hour', 'station_id, pm25, pm10, no2, o3, co, rows', 'station_id, pm25 * (1 + 0.1 * (d % 7)), pm10, no2 * (1 + 0.05 * (d % 3)), o3, co, rows'),
} as const;
