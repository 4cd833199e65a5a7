/**
 * KPI reports (issue 11): a month's report for a 2,000-segment city must be ready in under 1 s.
 * For each of traffic, energy and air: generates a day of 5-minute rows for the city's segments,
 * grid assets or stations, rolls it into hourly rows, copies those to 62 days (a month plus the
 * four weeks the forecast baseline reads), then times the day, week and month reports as the
 * model services build them.
 */
import { openPglite } from '../server/store/pglite';
import { Store } from '../server/store/store';
import { generateCity, type City } from '../server/twin/city';
import { generateGrid } from '../server/twin/grid/network';
import { placeStations } from '../server/twin/air/stations';
import { upsertGridAssets } from '../server/models/grid/store';
import { airReport } from '../server/models/kpi/air';
import { rollAir } from '../server/models/kpi/air-rollup';
import { energyReport } from '../server/models/kpi/energy';
import { rollGrid } from '../server/models/kpi/grid-rollup';
import type { KpiQuery, KpiReport } from '../lib/protocol/kpi';
import { trafficReport } from '../server/models/kpi/traffic';
import { rollTraffic } from '../server/models/kpi/traffic-rollup';
import { printFigures, summarise, type Figure } from './report';

const END = Date.parse('2026-11-23T00:00:00Z');
const DAY_MS = 86_400_000;
const DAYS = 62;

async function benchTrafficKpi(): Promise<Figure[]> {
  const store = await Store.open(await openPglite());
  const figures: Figure[] = [];
  try {
    const city = generateCity({ seed: 42, size: 2000 });
    await store.upsertSegments(city.segments);
    const n = city.segments.length;

    let t = performance.now();
    // A daily cycle with two rush hours, different per segment: enough for realistic sums.
    await store.db.query(
      `insert into traffic_5min (segment_id, bucket, speed_kmh, flow_vph, n)
       select s.id, b,
              s.free_flow_kmh * (0.95 - 0.5 * exp(-power((extract(epoch from b)::bigint % 86400 - 28800) / 3600.0, 2))
                                      - 0.45 * exp(-power((extract(epoch from b)::bigint % 86400 - 63000) / 3600.0, 2)) * (0.5 + (abs(hashtext(s.id)) % 100) / 200.0)),
              s.capacity_vph * (0.2 + 0.6 * exp(-power((extract(epoch from b)::bigint % 86400 - 46800) / 18000.0, 2))), 30
       from road_segment s cross join generate_series($1::timestamptz, $2::timestamptz, interval '5 minutes') b`,
      [new Date(END - DAY_MS).toISOString(), new Date(END - 300_000).toISOString()],
    );
    const genMs = performance.now() - t;
    const [{ rows }] = await store.db.query<{ rows: number }>('select count(*)::int as rows from traffic_5min');
    figures.push({ name: 'generated 5-minute rows (one day)', value: rows, unit: 'rows', note: `${n} segments, ${(genMs / 1000).toFixed(1)} s` });

    t = performance.now();
    const pass = await rollTraffic(store.db);
    figures.push({ name: 'hourly rollup of one day', value: performance.now() - t, unit: 'ms', note: `${pass.rolled} hours, ${rows} rows in` });
    t = performance.now();
    await rollTraffic(store.db);
    figures.push({ name: 'rollup pass with nothing new (timer tick)', value: performance.now() - t, unit: 'ms', note: 're-rolls the newest 2 hours' });

    // Copy the rolled day back over the preceding days: the report reads only the hourly table.
    await store.db.query(
      `insert into kpi_traffic_hour (hour, road_class, vkt, vht, vht_free, vkt_congested, rows)
       select hour - d * interval '1 day', road_class, vkt * (1 + 0.02 * (d % 7)), vht * (1 + 0.03 * (d % 7)), vht_free * (1 + 0.02 * (d % 7)), vkt_congested, rows
       from kpi_traffic_hour cross join generate_series(1, ${DAYS - 1}) d`,
    );
    const [{ hours }] = await store.db.query<{ hours: number }>('select count(*)::int as hours from kpi_traffic_hour');
    figures.push({ name: 'hourly rollup rows held', value: hours, unit: 'rows', note: `${DAYS} days × 24 h × road classes; the same month in 5-minute rows would be ${(n * 288 * 30).toLocaleString('en-GB')}` });

    figures.push(...(await timeReports('traffic', (q) => trafficReport(store.db, q, END))));
    const s = performance.now();
    await trafficReport(store.db, { range: 'month', filter: 'primary' }, END);
    figures.push({ name: 'traffic report, month, one road class', value: performance.now() - s, unit: 'ms' });
  } finally {
    await store.close();
  }
  return figures;
}

/** Day, week and month reports, median of 5 after 2 warm-ups each. */
async function timeReports(what: string, report: (q: KpiQuery) => Promise<KpiReport>): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const range of ['day', 'week', 'month'] as const) {
    const samples: number[] = [];
    let bytes = 0;
    for (let k = 0; k < 7; k++) {
      const s = performance.now();
      const r = await report({ range });
      bytes = JSON.stringify(r).length;
      samples.push(performance.now() - s);
    }
    const sum = summarise(samples.slice(2));
    figures.push({ name: `${what} report, ${range} (median of 5 after 2 warm-ups)`, value: sum.median, unit: 'ms', note: `p95 ${sum.p95.toFixed(1)} ms, ${(bytes / 1024).toFixed(1)} KiB JSON` });
  }
  return figures;
}

/** Copy the rolled day back over the preceding days, a little different per weekday. */
const copyDays = (table: string, cols: string, scaled: string) =>
  `insert into ${table} (hour, ${cols}) select hour - d * interval '1 day', ${scaled} from ${table} cross join generate_series(1, ${DAYS - 1}) d`;

async function benchEnergyKpi(city: City): Promise<Figure[]> {
  const store = await Store.open(await openPglite());
  const figures: Figure[] = [];
  try {
    const { network } = generateGrid(city, 42);
    await upsertGridAssets(store.db, [
      ...network.substations.map((asset) => ({ kind: 'substation' as const, asset })),
      ...network.feeders.map((asset) => ({ kind: 'feeder' as const, asset })),
    ]);
    let t = performance.now();
    // Feeders follow a daily cycle peaking at 18:00 (near capacity on some); substations carry their feeders' sum.
    await store.db.query(
      `insert into grid_5min (asset_id, bucket, kind, load_kw, solar_kw, n)
       select a.id, b, 'feeder',
              (a.body->>'capacityKw')::float8 * (0.45 + 0.5 * exp(-power((extract(epoch from b)::bigint % 86400 - 64800) / 10800.0, 2)) * (0.8 + (abs(hashtext(a.id)) % 100) / 250.0)),
              greatest(0, 200 * sin(pi() * ((extract(epoch from b)::bigint % 86400) / 3600.0 - 6) / 12)), 30
       from grid_asset a cross join generate_series($1::timestamptz, $2::timestamptz, interval '5 minutes') b where a.kind = 'feeder'`,
      [new Date(END - DAY_MS).toISOString(), new Date(END - 300_000).toISOString()],
    );
    await store.db.query(
      `insert into grid_5min (asset_id, bucket, kind, load_kw, solar_kw, n)
       select a.body->>'substationId', g.bucket, 'substation', sum(g.load_kw), sum(g.solar_kw), 30
       from grid_5min g join grid_asset a on a.id = g.asset_id group by 1, 2`,
    );
    const [{ rows }] = await store.db.query<{ rows: number }>('select count(*)::int as rows from grid_5min');
    figures.push({ name: 'generated 5-minute grid rows (one day)', value: rows, unit: 'rows', note: `${network.substations.length} substations, ${network.feeders.length} feeders, ${((performance.now() - t) / 1000).toFixed(1)} s` });
    t = performance.now();
    const pass = await rollGrid(store.db);
    figures.push({ name: 'grid hourly rollup of one day', value: performance.now() - t, unit: 'ms', note: `${pass.rolled} hours` });
    t = performance.now();
    await rollGrid(store.db);
    figures.push({ name: 'grid rollup pass with nothing new (timer tick)', value: performance.now() - t, unit: 'ms', note: 're-rolls the newest 2 hours' });
    await store.db.query(copyDays('kpi_grid_hour', 'scope, load_sum, peak, buckets, solar_sum, overload_buckets, rows', 'scope, load_sum * (1 + 0.02 * (d % 7)), peak * (1 + 0.02 * (d % 7)), buckets, solar_sum * (1 - 0.05 * (d % 5)), overload_buckets, rows'));
    // The report reads the newest bucket from grid_5min; the copied days need no 5-minute rows.
    figures.push(...(await timeReports('energy', (q) => energyReport(store.db, q, END))));
  } finally {
    await store.close();
  }
  return figures;
}

async function benchAirKpi(city: City): Promise<Figure[]> {
  const store = await Store.open(await openPglite());
  const figures: Figure[] = [];
  try {
    const stations = placeStations(city, 42);
    await store.db.query(
      `insert into air_station (id, name, lon, lat) select * from unnest($1::text[], $2::text[], $3::float8[], $4::float8[])`,
      [stations.map((st) => st.id), stations.map((st) => st.name), stations.map((st) => st.location[0]), stations.map((st) => st.location[1])],
    );
    let t = performance.now();
    // PM2.5 with a morning and an evening peak, higher at some stations (some hours above 35 µg/m³).
    await store.db.query(
      `insert into air_5min (station_id, bucket, pm25, no2, o3, pm10, co, n)
       select s.id, b,
              8 + 30 * exp(-power((extract(epoch from b)::bigint % 86400 - 28800) / 7200.0, 2)) * (0.5 + (abs(hashtext(s.id)) % 100) / 100.0)
                + 20 * exp(-power((extract(epoch from b)::bigint % 86400 - 66600) / 7200.0, 2)),
              20 + 25 * exp(-power((extract(epoch from b)::bigint % 86400 - 28800) / 7200.0, 2)),
              30 + 50 * exp(-power((extract(epoch from b)::bigint % 86400 - 54000) / 10800.0, 2)),
              15 + 40 * exp(-power((extract(epoch from b)::bigint % 86400 - 28800) / 7200.0, 2)), 0.4, 30
       from air_station s cross join generate_series($1::timestamptz, $2::timestamptz, interval '5 minutes') b`,
      [new Date(END - DAY_MS).toISOString(), new Date(END - 300_000).toISOString()],
    );
    const [{ rows }] = await store.db.query<{ rows: number }>('select count(*)::int as rows from air_5min');
    figures.push({ name: 'generated 5-minute air rows (one day)', value: rows, unit: 'rows', note: `${stations.length} stations, ${((performance.now() - t) / 1000).toFixed(1)} s` });
    t = performance.now();
    const pass = await rollAir(store.db);
    figures.push({ name: 'air hourly rollup of one day', value: performance.now() - t, unit: 'ms', note: `${pass.rolled} hours` });
    await store.db.query(copyDays('kpi_air_hour', 'station_id, pm25, pm10, no2, o3, co, rows', 'station_id, pm25 * (1 + 0.1 * (d % 7)), pm10, no2 * (1 + 0.05 * (d % 3)), o3, co, rows'));
    figures.push(...(await timeReports('air', (q) => airReport(store.db, q, END, 'us-epa'))));
  } finally {
    await store.close();
  }
  return figures;
}

export async function benchKpi(): Promise<Figure[]> {
  const city = generateCity({ seed: 42, size: 2000 });
  return [...(await benchTrafficKpi()), ...(await benchEnergyKpi(city)), ...(await benchAirKpi(city))];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchKpi()
    .then((f) => printFigures('KPI reports', f))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
