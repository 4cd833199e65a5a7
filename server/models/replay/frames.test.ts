import { afterEach, describe, expect, it } from 'vitest';
import { replayFramesSchema } from '@/lib/protocol/replay';
import { migrate } from '../../store/migrations';
import type { Sql } from '../../store/sql';
import { openMemoryPglite, openThrowawayPostgres, postgresReachable, TEST_DATABASE_URL } from '../../store/test-stores';
import { readFrames, readRange } from './frames';

const pgProblem = await postgresReachable();
if (pgProblem && process.env.CI !== 'true') console.log(`skipping Postgres replay tests: ${TEST_DATABASE_URL} unreachable (${pgProblem})`);
const backends: Array<[string, () => Promise<Sql>, boolean]> = [
  ['PGlite', openMemoryPglite, false],
  ['Postgres', openThrowawayPostgres, Boolean(pgProblem) && process.env.CI !== 'true'],
];

const T0 = Date.parse('2026-11-24T08:00:00Z');
const at = (min: number) => new Date(T0 + min * 60_000).toISOString();

async function seedTraffic(sql: Sql): Promise<void> {
  await sql.query(
    `insert into road_segment (id, name, road_class, lanes, free_flow_kmh, capacity_vph, length_m, path)
     values ('s1', 'A', 'primary', 2, 50, 1800, 100, '[[0,0],[0,1]]'), ('s2', 'B', 'primary', 2, 50, 1800, 100, '[[0,0],[1,0]]')`,
  );
  await sql.query(
    `insert into traffic_5min (segment_id, bucket, speed_kmh, flow_vph, n) values
       ('s1', $1, 40.04, 900, 30), ('s2', $1, 20, 1200, 30), ('s1', $2, 35, 1000, 30)`,
    [at(0), at(5)],
  );
  // Bucket 08:10 is not rolled up yet: only raw readings.
  await sql.query(
    `insert into traffic_obs (segment_id, observed_at, speed_kmh, flow_vph, occupancy) values
       ('s2', $1, 10, 600, 0.2), ('s2', $2, 20, 800, 0.2)`,
    [at(10), at(11)],
  );
}

describe.each(backends)('replay frames on %s', (_name, open, skip) => {
  let sql: Sql | undefined;
  afterEach(async () => {
    await sql?.close();
    sql = undefined;
  });

  it.skipIf(skip)('lay the rollups out frame by frame, id by id, with null where a bucket has no reading', async () => {
    sql = await open();
    await migrate(sql);
    await seedTraffic(sql);
    const f = await readFrames(sql, 'traffic', T0, T0 + 10 * 60_000);
    expect(f).toMatchObject({ start: at(0), steps: 2, ids: ['s1', 's2'] });
    expect(f.columns.speedKmh).toEqual([40, 20, 35, null]);
    expect(replayFramesSchema.safeParse(f).success).toBe(true);
  });

  it.skipIf(skip)('fill the newest buckets from raw readings the rollup has not reached', async () => {
    sql = await open();
    await migrate(sql);
    await seedTraffic(sql);
    const f = await readFrames(sql, 'traffic', T0 + 10 * 60_000, T0 + 15 * 60_000);
    expect(f.ids).toEqual(['s2']);
    expect(f.columns.speedKmh).toEqual([15]);
    expect(f.columns.flowVph).toEqual([700]);
  });

  it.skipIf(skip)('read grid loads from the forecast history tables', async () => {
    sql = await open();
    await migrate(sql);
    await sql.query(`insert into grid_5min (asset_id, bucket, kind, load_kw, n) values ('f1', $1, 'feeder', 1234.56, 1)`, [at(0)]);
    const f = await readFrames(sql, 'grid', T0, T0 + 5 * 60_000);
    expect(f.columns.loadKw).toEqual([1234.6]);
  });

  it.skipIf(skip)('report the span of stored history per layer', async () => {
    sql = await open();
    await migrate(sql);
    await seedTraffic(sql);
    const r = await readRange(sql);
    expect(r.traffic).toEqual({ from: at(0), until: at(11) });
    expect(r.air).toBeNull();
  });
});
