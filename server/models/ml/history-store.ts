import type { CityHistoryBackfill } from '@/lib/protocol/forecast-history';
import type { Queryable } from '../../store/sql';
import { emptyPanel, panelFromRows, type Panel } from './panel';
import { WEATHER_VARS } from './features';
import type { SeriesSource } from './targets';

const BUCKET_MS = 300_000;
const CHUNK = 5_000;
const iso = (ms: number) => new Date(ms).toISOString();
const turn = () => new Promise((r) => setImmediate(r));

async function insertRows(db: Queryable, sql: string, columns: unknown[][]): Promise<number> {
  const n = columns[0].length;
  for (let s = 0; s < n; s += CHUNK) {
    await db.query(sql, columns.map((c) => c.slice(s, s + CHUNK)));
    // PGlite shares this thread: let live requests through between chunks.
    await turn();
  }
  return n;
}

/** Store a city history backfill (grid, air, weather 5-minute means); idempotent per series and bucket. */
export async function insertCityHistory(db: Queryable, b: CityHistoryBackfill): Promise<number> {
  const t0 = Date.parse(b.start);
  const bucket = (k: number) => iso(t0 + k * BUCKET_MS);
  let written = 0;
  const g: unknown[][] = [[], [], [], [], []];
  for (const row of b.grid)
    for (let k = 0; k < b.steps; k++) {
      const load = row.loadKw[k];
      if (load === null) continue;
      g[0].push(row.assetId);
      g[1].push(bucket(k));
      g[2].push(row.kind);
      g[3].push(load);
      g[4].push(row.solarKw?.[k] ?? null);
    }
  if (g[0].length)
    written += await insertRows(
      db,
      `insert into grid_5min (asset_id, bucket, kind, load_kw, solar_kw, n)
       select a, b, k, l, s, 1 from unnest($1::text[], $2::timestamptz[], $3::text[], $4::real[], $5::real[]) as t(a, b, k, l, s)
       on conflict (asset_id, bucket) do update set kind = excluded.kind, load_kw = excluded.load_kw, solar_kw = excluded.solar_kw, n = excluded.n`,
      g,
    );
  const a: unknown[][] = [[], [], [], [], [], [], []];
  for (const row of b.air)
    for (let k = 0; k < b.steps; k++) {
      const [pm25, no2, o3] = [row.pm25[k], row.no2[k], row.o3[k]];
      if (pm25 === null || no2 === null || o3 === null) continue;
      a[0].push(row.stationId);
      a[1].push(bucket(k));
      a[2].push(pm25);
      a[3].push(no2);
      a[4].push(o3);
      a[5].push(row.pm10?.[k] ?? null);
      a[6].push(row.co?.[k] ?? null);
    }
  if (a[0].length)
    written += await insertRows(
      db,
      `insert into air_5min (station_id, bucket, pm25, no2, o3, pm10, co, n)
       select s, b, p, n2, o, p10, c, 1 from unnest($1::text[], $2::timestamptz[], $3::real[], $4::real[], $5::real[], $6::real[], $7::real[]) as t(s, b, p, n2, o, p10, c)
       on conflict (station_id, bucket) do update set pm25 = excluded.pm25, no2 = excluded.no2, o3 = excluded.o3, pm10 = excluded.pm10, co = excluded.co, n = excluded.n`,
      a,
    );
  const w: unknown[][] = [[], [], [], [], [], [], [], [], []];
  for (const row of b.weather)
    for (let k = 0; k < b.steps; k++) {
      const vals = [row.temperatureC[k], row.relativeHumidity[k], row.windSpeedMs[k], row.solarWm2[k], row.precipitationMmH[k]];
      if (vals.some((v) => v === null)) continue;
      w[0].push(row.stationId);
      w[1].push(bucket(k));
      vals.forEach((v, j) => w[2 + j].push(v));
      w[7].push(row.cloudCover?.[k] ?? null);
      w[8].push(row.mixingHeightM?.[k] ?? null);
    }
  if (w[0].length)
    written += await insertRows(
      db,
      `insert into weather_5min (station_id, bucket, temperature_c, relative_humidity, wind_speed_ms, solar_wm2, precipitation_mmh, cloud_cover, mixing_height_m, n)
       select s, b, t, h, ws, so, p, c, m, 1 from unnest($1::text[], $2::timestamptz[], $3::real[], $4::real[], $5::real[], $6::real[], $7::real[], $8::real[], $9::real[]) as x(s, b, t, h, ws, so, p, c, m)
       on conflict (station_id, bucket) do update set temperature_c = excluded.temperature_c, relative_humidity = excluded.relative_humidity,
         wind_speed_ms = excluded.wind_speed_ms, solar_wm2 = excluded.solar_wm2, precipitation_mmh = excluded.precipitation_mmh,
         cloud_cover = excluded.cloud_cover, mixing_height_m = excluded.mixing_height_m, n = excluded.n`,
      w,
    );
  return written;
}

const bucketExpr = (col: string) => `to_timestamp(floor(extract(epoch from ${col}) / 300) * 300)`;

/**
 * Roll the raw grid, air and weather readings of [from, until) into 5-minute means (the live
 * part of the training history). Re-rolling a bucket writes the same mean: safe to repeat.
 */
export async function rollupCity(db: Queryable, from: number, until: number): Promise<void> {
  const to = Math.floor(until / BUCKET_MS) * BUCKET_MS;
  const start = Math.floor(from / BUCKET_MS) * BUCKET_MS;
  if (to <= start) return;
  const p = [iso(start), iso(to)];
  await db.query(
    `insert into grid_5min (asset_id, bucket, kind, load_kw, solar_kw, n)
     select asset_id, ${bucketExpr('observed_at')}, min(kind), avg(load_kw), avg(solar_kw), count(*)
     from grid_obs where observed_at >= $1 and observed_at < $2 and kind in ('feeder', 'substation') group by 1, 2
     on conflict (asset_id, bucket) do update set load_kw = excluded.load_kw, solar_kw = excluded.solar_kw, n = excluded.n`,
    p,
  );
  await db.query(
    `insert into air_5min (station_id, bucket, pm25, no2, o3, pm10, co, n)
     select station_id, ${bucketExpr('observed_at')}, avg(pm25), avg(no2), avg(o3), avg(pm10), avg(co), count(*)
     from air_obs where observed_at >= $1 and observed_at < $2 group by 1, 2
     on conflict (station_id, bucket) do update set pm25 = excluded.pm25, no2 = excluded.no2, o3 = excluded.o3, pm10 = excluded.pm10, co = excluded.co, n = excluded.n`,
    p,
  );
  await db.query(
    `insert into weather_5min (station_id, bucket, temperature_c, relative_humidity, wind_speed_ms, solar_wm2, precipitation_mmh, cloud_cover, mixing_height_m, n)
     select station_id, ${bucketExpr('observed_at')}, avg(temperature_c), avg(relative_humidity), avg(wind_speed_ms), avg(solar_wm2),
       avg(precipitation_mmh), avg(cloud_cover), avg(mixing_height_m), count(*)
     from weather_obs where observed_at >= $1 and observed_at < $2 group by 1, 2
     on conflict (station_id, bucket) do update set temperature_c = excluded.temperature_c, relative_humidity = excluded.relative_humidity,
       wind_speed_ms = excluded.wind_speed_ms, solar_wm2 = excluded.solar_wm2, precipitation_mmh = excluded.precipitation_mmh,
       cloud_cover = excluded.cloud_cover, mixing_height_m = excluded.mixing_height_m, n = excluded.n`,
    p,
  );
}

/** Newest raw reading time of grid, air and weather (what the live rollup can roll up to). */
export async function newestCityReading(db: Queryable): Promise<number | null> {
  const [row] = await db.query<{ t: Date | string | null }>(
    `select greatest((select max(observed_at) from grid_obs), (select max(observed_at) from air_obs), (select max(observed_at) from weather_obs)) as t`,
  );
  return row?.t ? new Date(row.t).getTime() : null;
}

/** Earliest and latest bucket of a source's history. */
export async function sourceRange(db: Queryable, s: SeriesSource): Promise<{ from: number; until: number } | null> {
  const [row] = await db.query<{ a: Date | string | null; b: Date | string | null }>(
    `select min(bucket) as a, max(bucket) as b from ${s.table} ${s.where ? `where ${s.where}` : ''}`,
  );
  return row?.a && row.b ? { from: new Date(row.a).getTime(), until: new Date(row.b).getTime() } : null;
}

export async function seriesIds(db: Queryable, s: SeriesSource): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `select distinct ${s.key} as id from ${s.table} where ${s.column} is not null ${s.where ? `and ${s.where}` : ''} order by 1`,
  );
  return rows.map((r) => r.id);
}

/**
 * Rows per history query. PGlite runs on the calling thread and hands back rows at roughly
 * 20–50 µs each on this machine: a read of 400 segments × 3 weeks in one query would hold every
 * request for over a minute. Small reads with a turn of the event loop between them keep each
 * pause near 100 ms.
 */
const ROWS_PER_QUERY = 4_000;

/** A source's 5-minute history of the given series in [from, until), as a panel on the 5-minute grid. */
export async function readPanel(db: Queryable, s: SeriesSource, ids: string[], from: number, until: number): Promise<Panel> {
  const start = Math.floor(from / BUCKET_MS) * BUCKET_MS;
  const length = Math.max(0, Math.ceil((until - start) / BUCKET_MS));
  if (!ids.length || !length) return emptyPanel(ids, start, BUCKET_MS, length);
  const perSeries = Math.max(1, Math.min(ids.length, Math.floor(ROWS_PER_QUERY / length)));
  const perWindow = Math.max(1, Math.floor(ROWS_PER_QUERY / perSeries));
  const rows: { id: string; t: number; v: number | null }[] = [];
  let first = true;
  for (let a = 0; a < ids.length; a += perSeries)
    for (let k = 0; k < length; k += perWindow) {
      if (!first) await turn();
      first = false;
      // Epoch milliseconds, not timestamptz: parsing a Date per row costs more than the query.
      const part = await db.query<{ id: string; t: number; v: number | null }>(
        `select ${s.key} as id, (extract(epoch from bucket) * 1000)::float8 as t, ${s.column} as v from ${s.table}
         where ${s.key} = any($1::text[]) and bucket >= $2 and bucket < $3 ${s.where ? `and ${s.where}` : ''}`,
        [ids.slice(a, a + perSeries), iso(start + k * BUCKET_MS), iso(start + Math.min(length, k + perWindow) * BUCKET_MS)],
      );
      for (const r of part) rows.push({ id: r.id, t: Number(r.t), v: r.v });
    }
  return panelFromRows(rows, ids, start, BUCKET_MS, length);
}

/** The city's weather (mean over stations) on the 5-minute grid, rows in WEATHER_VARS order. */
export async function readWeather(db: Queryable, from: number, until: number): Promise<Panel> {
  const start = Math.floor(from / BUCKET_MS) * BUCKET_MS;
  const length = Math.max(0, Math.ceil((until - start) / BUCKET_MS));
  const cols = ['t', 's', 'w', 'm'] as const;
  const out: { id: string; t: number; v: number | null }[] = [];
  // Two days a query (a few stations each): small reads, as in readPanel.
  const window = 576;
  for (let k = 0; k < length; k += window) {
    if (k) await turn();
    const rows = await db.query<{ b: number; t: number; s: number; w: number; m: number | null }>(
      `select (extract(epoch from bucket) * 1000)::float8 as b, avg(temperature_c) as t, avg(solar_wm2) as s, avg(wind_speed_ms) as w, avg(mixing_height_m) as m
       from weather_5min where bucket >= $1 and bucket < $2 group by bucket`,
      [iso(start + k * BUCKET_MS), iso(start + Math.min(length, k + window) * BUCKET_MS)],
    );
    for (const r of rows) cols.forEach((c, j) => out.push({ id: WEATHER_VARS[j], t: Number(r.b), v: r[c] === null ? null : Number(r[c]) }));
  }
  return panelFromRows(out, [...WEATHER_VARS], start, BUCKET_MS, length);
}
