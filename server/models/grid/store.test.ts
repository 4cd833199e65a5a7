import { afterEach, describe, expect, it } from 'vitest';
import type { Sql } from '../../store/sql';
import { migrate } from '../../store/migrations';
import { openMemoryPglite, openThrowawayPostgres, postgresReachable, TEST_DATABASE_URL } from '../../store/test-stores';
import type { GridAsset, GridReading } from './plan';
import { insertGridReadings, latestGridReadings, listGridAssets, upsertGridAssets } from './store';

const pgProblem = await postgresReachable();
if (pgProblem && process.env.CI !== 'true') console.log(`skipping Postgres grid store tests: ${TEST_DATABASE_URL} unreachable (${pgProblem})`);
const backends: Array<[string, () => Promise<Sql>, boolean]> = [
  ['PGlite', openMemoryPglite, false],
  ['Postgres', openThrowawayPostgres, Boolean(pgProblem) && process.env.CI !== 'true'],
];

const assets = (): GridAsset[] => [
  { kind: 'substation', asset: { id: 'ss01', name: 'Mill Street Substation', location: [9.94, 51.54], capacityKw: 20_000 } },
  {
    kind: 'feeder',
    asset: { id: 'ss01-f1', name: 'Mill Street F1', substationId: 'ss01', path: [[9.94, 51.54], [9.945, 51.542]], capacityKw: 4000 },
  },
  { kind: 'battery', asset: { id: 'bat01', name: 'Battery', location: [9.942, 51.541], feederId: 'ss01-f1', energyKwh: 2000, powerKw: 800 } },
];
const reading = (assetId: string, at: string, loadKw: number): GridReading => ({
  assetId,
  source: 'test',
  item: { kind: 'feeder', loadKw, capacityKw: 4000, utilisation: loadKw / 4000, solarKw: 10, evKw: 20, observedAt: at },
});

describe.each(backends)('the grid tables on %s', (_name, open, skip) => {
  let sql: Sql | undefined;
  afterEach(async () => {
    await sql?.close();
    sql = undefined;
  });

  it.skipIf(skip)('give back the registered assets as they were', async () => {
    sql = await open();
    await migrate(sql);
    await upsertGridAssets(sql, assets());
    expect(await listGridAssets(sql, () => undefined)).toEqual([...assets()].sort((a, b) => a.asset.id.localeCompare(b.asset.id)));
  });

  it.skipIf(skip)('keep one row per asset and time, and give the newest per asset', async () => {
    sql = await open();
    await migrate(sql);
    await upsertGridAssets(sql, assets());
    await insertGridReadings(sql, [reading('ss01-f1', '2026-11-23T17:00:00.000Z', 1000), reading('ss01-f1', '2026-11-23T17:01:00.000Z', 1100)]);
    await insertGridReadings(sql, [reading('ss01-f1', '2026-11-23T17:01:00.000Z', 1200)]);
    const [count] = await sql.query<{ n: number }>('select count(*)::int as n from grid_obs');
    expect(count.n).toBe(2);
    expect(await latestGridReadings(sql)).toEqual([
      { assetId: 'ss01-f1', kind: 'feeder', observedAt: '2026-11-23T17:01:00.000Z', loadKw: 1200, solarKw: 10, evKw: 20, stateOfCharge: null, source: 'test' },
    ]);
  });
});
