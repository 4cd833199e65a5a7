import type { RoadSegment } from '@/lib/domain/road';
import type { TrafficReading } from '@/lib/protocol/traffic';
import { migrate } from './migrations';
import type { Queryable, Sql } from './sql';

const BUCKET_S = 300;
/** Raw 10-second rows are kept this long behind the newest one; history is in 5-minute buckets. */
export const RAW_RETENTION_MS = 2 * 60 * 60 * 1000;
/** Rows per INSERT … unnest: large enough to be fast, small enough to keep parameters modest. */
const CHUNK = 20_000;
/** Smaller for bulk history, so the event loop gets a turn every ~0.1 s of a long backfill. */
const HISTORY_CHUNK = 5_000;

export interface Observation extends TrafficReading {
  segmentId: string;
  source: string | null;
}

export interface HistoryRow {
  bucket: Date;
  speedKmh: number;
  flowVph: number;
}

/** 5-minute rows of one segment: column-major, as the backfill API carries them. */
export interface HistoryBlock {
  start: Date;
  segmentIds: string[];
  speedKmh: number[][];
  flowVph: number[][];
}

const iso = (d: Date | string) => (typeof d === 'string' ? d : d.toISOString());
const bucketOf = (ms: number) => Math.floor(ms / 1000 / BUCKET_S) * BUCKET_S * 1000;

/** The history store: road network, city assets, raw observations and 5-minute rollups. */
export class Store {
  private constructor(private readonly sql: Sql) {}

  static async open(sql: Sql): Promise<Store> {
    await migrate(sql);
    return new Store(sql);
  }

  /** For the city's domains (server/models/domains.ts), which keep tables of their own. */
  get db(): Queryable {
    return this.sql;
  }

  get kind(): Sql['kind'] {
    return this.sql.kind;
  }

  close(): Promise<void> {
    return this.sql.close();
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.sql.transaction(fn);
  }

  async upsertSegments(segments: readonly RoadSegment[], db: Queryable = this.sql): Promise<void> {
    for (let i = 0; i < segments.length; i += CHUNK) {
      const part = segments.slice(i, i + CHUNK);
      await db.query(
        `insert into road_segment (id, name, road_class, lanes, free_flow_kmh, capacity_vph, length_m, path)
         select id, name, road_class, lanes, free_flow_kmh, capacity_vph, length_m, path::jsonb
         from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::real[], $6::real[], $7::real[], $8::text[])
           as t(id, name, road_class, lanes, free_flow_kmh, capacity_vph, length_m, path)
         on conflict (id) do update set name = excluded.name, road_class = excluded.road_class, lanes = excluded.lanes,
           free_flow_kmh = excluded.free_flow_kmh, capacity_vph = excluded.capacity_vph, length_m = excluded.length_m,
           path = excluded.path, updated_at = now()`,
        [
          part.map((s) => s.id),
          part.map((s) => s.name),
          part.map((s) => s.roadClass),
          part.map((s) => s.lanes),
          part.map((s) => s.freeFlowKmh),
          part.map((s) => s.capacityVph),
          part.map((s) => s.lengthM),
          part.map((s) => JSON.stringify(s.path)),
        ],
      );
    }
  }

  async listSegments(): Promise<RoadSegment[]> {
    const rows = await this.sql.query<{
      id: string;
      name: string;
      road_class: RoadSegment['roadClass'];
      lanes: number;
      free_flow_kmh: number;
      capacity_vph: number;
      length_m: number;
      path: RoadSegment['path'] | string;
    }>('select id, name, road_class, lanes, free_flow_kmh, capacity_vph, length_m, path from road_segment order by id');
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      roadClass: r.road_class,
      lanes: r.lanes,
      freeFlowKmh: r.free_flow_kmh,
      capacityVph: r.capacity_vph,
      lengthM: r.length_m,
      path: typeof r.path === 'string' ? (JSON.parse(r.path) as RoadSegment['path']) : r.path,
    }));
  }

  async putAsset(key: string, body: string): Promise<void> {
    await this.sql.query(
      `insert into city_asset (key, body) values ($1, $2)
       on conflict (key) do update set body = excluded.body, updated_at = now()`,
      [key, body],
    );
  }

  async getAsset(key: string): Promise<string | null> {
    const [row] = await this.sql.query<{ body: string }>('select body from city_asset where key = $1', [key]);
    return row?.body ?? null;
  }

  /** Idempotent: the same observation twice is one row. */
  async insertObservations(obs: readonly Observation[], db: Queryable = this.sql): Promise<void> {
    for (let i = 0; i < obs.length; i += CHUNK) {
      const part = obs.slice(i, i + CHUNK);
      await db.query(
        `insert into traffic_obs (segment_id, observed_at, speed_kmh, flow_vph, occupancy, source)
         select * from unnest($1::text[], $2::timestamptz[], $3::real[], $4::real[], $5::real[], $6::text[])
         on conflict (segment_id, observed_at) do update set speed_kmh = excluded.speed_kmh,
           flow_vph = excluded.flow_vph, occupancy = excluded.occupancy, source = excluded.source`,
        [
          part.map((o) => o.segmentId),
          part.map((o) => o.observedAt),
          part.map((o) => o.speedKmh),
          part.map((o) => o.flowVph),
          part.map((o) => o.occupancy),
          part.map((o) => o.source),
        ],
      );
    }
  }

  /** The newest raw observation of every segment (to rebuild the current state on start). */
  async latestObservations(): Promise<Observation[]> {
    const rows = await this.sql.query<{
      segment_id: string;
      observed_at: Date;
      speed_kmh: number;
      flow_vph: number;
      occupancy: number;
      source: string | null;
    }>(
      `select distinct on (segment_id) segment_id, observed_at, speed_kmh, flow_vph, occupancy, source
       from traffic_obs order by segment_id, observed_at desc`,
    );
    return rows.map((r) => ({
      segmentId: r.segment_id,
      observedAt: iso(r.observed_at),
      speedKmh: r.speed_kmh,
      flowVph: r.flow_vph,
      occupancy: r.occupancy,
      source: r.source,
    }));
  }

  /** Bulk 5-minute history (the twin's backfill); idempotent per (segment, bucket). */
  async insertHistory(block: HistoryBlock): Promise<number> {
    const ids: string[] = [];
    const buckets: string[] = [];
    const speeds: number[] = [];
    const flows: number[] = [];
    const t0 = block.start.getTime();
    let written = 0;
    const flush = async (db: Queryable) => {
      if (!ids.length) return;
      await db.query(
        `insert into traffic_5min (segment_id, bucket, speed_kmh, flow_vph, n)
         select id, b, s, f, 1 from unnest($1::text[], $2::timestamptz[], $3::real[], $4::real[]) as t(id, b, s, f)
         on conflict (segment_id, bucket) do update set speed_kmh = excluded.speed_kmh, flow_vph = excluded.flow_vph, n = excluded.n`,
        [ids, buckets, speeds, flows],
      );
      written += ids.length;
      ids.length = buckets.length = speeds.length = flows.length = 0;
    };
    await this.sql.transaction(async (tx) => {
      for (let i = 0; i < block.segmentIds.length; i++) {
        const row = block.speedKmh[i];
        for (let k = 0; k < row.length; k++) {
          ids.push(block.segmentIds[i]);
          buckets.push(new Date(t0 + k * BUCKET_S * 1000).toISOString());
          speeds.push(row[k]);
          flows.push(block.flowVph[i][k]);
          if (ids.length >= HISTORY_CHUNK) {
            await flush(tx);
            // PGlite runs on this thread: let the state endpoint answer between chunks.
            await new Promise((resolve) => setImmediate(resolve));
          }
        }
      }
      await flush(tx);
    });
    return written;
  }

  /**
   * Roll completed 5-minute buckets of raw observations in [from, until) into traffic_5min.
   * Re-rolling a bucket overwrites it with the same mean, so this is safe to repeat.
   */
  async rollup(from: Date, until: Date): Promise<number> {
    const to = new Date(bucketOf(until.getTime()));
    if (to <= from) return 0;
    const rows = await this.sql.query<{ n: number }>(
      `with ins as (
         insert into traffic_5min (segment_id, bucket, speed_kmh, flow_vph, n)
         select segment_id, to_timestamp(floor(extract(epoch from observed_at) / ${BUCKET_S}) * ${BUCKET_S}) as bucket,
                avg(speed_kmh), avg(flow_vph), count(*)
         from traffic_obs where observed_at >= $1 and observed_at < $2
         group by 1, 2
         on conflict (segment_id, bucket) do update set speed_kmh = excluded.speed_kmh, flow_vph = excluded.flow_vph, n = excluded.n
         returning 1)
       select count(*)::int as n from ins`,
      [iso(new Date(bucketOf(from.getTime()))), iso(to)],
    );
    return rows[0]?.n ?? 0;
  }

  /** Drop raw rows older than the retention window behind `newest`; history buckets stay. */
  async prune(newest: Date): Promise<number> {
    const rows = await this.sql.query<{ n: number }>(
      'with d as (delete from traffic_obs where observed_at < $1 returning 1) select count(*)::int as n from d',
      [iso(new Date(newest.getTime() - RAW_RETENTION_MS))],
    );
    return rows[0]?.n ?? 0;
  }

  /**
   * One segment's 5-minute points in [from, to]: rolled-up buckets, and for the newest buckets
   * not rolled up yet, the mean of their raw observations.
   */
  async history(segmentId: string, from: Date, to: Date): Promise<HistoryRow[]> {
    const rows = await this.sql.query<{ bucket: Date; speed_kmh: number; flow_vph: number }>(
      `with rolled as (
         select bucket, speed_kmh, flow_vph from traffic_5min where segment_id = $1 and bucket >= $2 and bucket <= $3
       ), raw as (
         select to_timestamp(floor(extract(epoch from observed_at) / ${BUCKET_S}) * ${BUCKET_S}) as bucket,
                avg(speed_kmh)::real as speed_kmh, avg(flow_vph)::real as flow_vph
         from traffic_obs where segment_id = $1 and observed_at >= $2 and observed_at <= $3
         group by 1
       )
       select bucket, speed_kmh, flow_vph from rolled
       union all
       select bucket, speed_kmh, flow_vph from raw where bucket >= $2 and bucket not in (select bucket from rolled)
       order by bucket`,
      [segmentId, iso(from), iso(to)],
    );
    return rows.map((r) => ({ bucket: new Date(r.bucket), speedKmh: r.speed_kmh, flowVph: r.flow_vph }));
  }

  async historyRange(): Promise<{ from: Date; until: Date } | null> {
    const [row] = await this.sql.query<{ a: Date | null; b: Date | null }>('select min(bucket) as a, max(bucket) as b from traffic_5min');
    return row?.a && row.b ? { from: new Date(row.a), until: new Date(row.b) } : null;
  }

  async lastObservationAt(): Promise<Date | null> {
    const [row] = await this.sql.query<{ t: Date | null }>('select max(observed_at) as t from traffic_obs');
    return row?.t ? new Date(row.t) : null;
  }

  async countSegments(): Promise<number> {
    const [row] = await this.sql.query<{ n: number }>('select count(*)::int as n from road_segment');
    return row?.n ?? 0;
  }

  async segmentExists(id: string): Promise<boolean> {
    const rows = await this.sql.query<{ one: number }>('select 1 as one from road_segment where id = $1', [id]);
    return rows.length > 0;
  }
}
