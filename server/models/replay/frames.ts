import { MAX_REPLAY_STEPS, REPLAY_STEP_SECONDS, replayColumns, type ReplayFrames, type ReplayLayer, type ReplayRange } from '@/lib/protocol/replay';
import type { Queryable } from '../../store/sql';

const BUCKET_MS = REPLAY_STEP_SECONDS * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Where each layer's 5-minute rollups live, and the raw readings of buckets not rolled up yet. */
interface Source {
  rolled: string;
  raw: string;
  key: string;
  /** SQL column per replay column, same order as replayColumns[layer]. */
  sqlColumns: readonly string[];
  rawWhere?: string;
}

const sources: Record<ReplayLayer, Source> = {
  traffic: { rolled: 'traffic_5min', raw: 'traffic_obs', key: 'segment_id', sqlColumns: ['speed_kmh', 'flow_vph'] },
  grid: { rolled: 'grid_5min', raw: 'grid_obs', key: 'asset_id', sqlColumns: ['load_kw'], rawWhere: `kind in ('feeder', 'substation')` },
  air: { rolled: 'air_5min', raw: 'air_obs', key: 'station_id', sqlColumns: ['pm25', 'no2', 'o3'] },
};

const bucketOf = (col: string) => `to_timestamp(floor(extract(epoch from ${col}) / ${REPLAY_STEP_SECONDS}) * ${REPLAY_STEP_SECONDS})`;
/** One decimal is finer than any colour band or chart pixel and halves the JSON. */
const round1 = (v: number) => Math.round(v * 10) / 10;

/**
 * A layer's frames for the 5-minute buckets in [from, to): the rollups, and for buckets the
 * rollup has not reached yet (the newest minutes), the mean of the raw readings.
 */
export async function readFrames(db: Queryable, layer: ReplayLayer, fromMs: number, toMs: number): Promise<ReplayFrames> {
  const s = sources[layer];
  const start = Math.floor(fromMs / BUCKET_MS) * BUCKET_MS;
  // An unaligned `from` can touch one bucket more than the span allows: the frames stop at the cap.
  const steps = Math.min(MAX_REPLAY_STEPS, Math.max(0, Math.ceil((toMs - start) / BUCKET_MS)));
  const end = start + steps * BUCKET_MS;
  const cols = s.sqlColumns;
  const rows = await db.query<Record<string, unknown> & { id: string; b: Date | string }>(
    `with rolled as (
       select ${s.key} as id, bucket as b, ${cols.join(', ')} from ${s.rolled} where bucket >= $1 and bucket < $2
     ), raw as (
       select ${s.key} as id, ${bucketOf('observed_at')} as b, ${cols.map((c) => `avg(${c}) as ${c}`).join(', ')}
       from ${s.raw} where observed_at >= $1 and observed_at < $2 ${s.rawWhere ? `and ${s.rawWhere}` : ''}
       group by 1, 2
     )
     select id, b, ${cols.join(', ')} from rolled
     union all
     select r.id, r.b, ${cols.map((c) => `r.${c}`).join(', ')} from raw r
       where not exists (select 1 from rolled x where x.id = r.id and x.b = r.b)`,
    [iso(start), iso(end)],
  );
  const ids = [...new Set(rows.map((r) => r.id))].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const names = replayColumns[layer];
  const columns: Record<string, Array<number | null>> = {};
  for (const name of names) columns[name] = new Array<number | null>(steps * ids.length).fill(null);
  for (const r of rows) {
    const k = Math.round((new Date(r.b).getTime() - start) / BUCKET_MS);
    if (k < 0 || k >= steps) continue;
    const at = k * ids.length + index.get(r.id)!;
    names.forEach((name, j) => {
      const v = r[cols[j]];
      if (v !== null && v !== undefined) columns[name][at] = round1(Number(v));
    });
  }
  return { layer, start: iso(start), stepSeconds: REPLAY_STEP_SECONDS, steps, ids, columns };
}

/** The span of each layer's stored history, rollups and raw readings together. */
export async function readRange(db: Queryable): Promise<ReplayRange> {
  const span = async (s: Source) => {
    const [row] = await db.query<{ a: Date | string | null; b: Date | string | null }>(
      `select least((select min(bucket) from ${s.rolled}), (select min(observed_at) from ${s.raw})) as a,
              greatest((select max(bucket) from ${s.rolled}), (select max(observed_at) from ${s.raw})) as b`,
    );
    return row?.a && row.b ? { from: new Date(row.a).toISOString(), until: new Date(row.b).toISOString() } : null;
  };
  return { traffic: await span(sources.traffic), grid: await span(sources.grid), air: await span(sources.air) };
}
