import { afterEach, describe, expect, it } from 'vitest';
import type { RoadSegment } from '@/lib/domain/road';
import { Store, type Observation } from './store';
import { migrate } from './migrations';
import { testBackends } from './test-stores';

const segment = (id: string): RoadSegment => ({
  id,
  name: `Mill Street ${id}`,
  roadClass: 'secondary',
  lanes: 1,
  freeFlowKmh: 50,
  capacityVph: 1600,
  lengthM: 250,
  path: [
    [8.8, 51.1],
    [8.801, 51.1005],
  ],
});

const obs = (segmentId: string, at: string, speedKmh: number): Observation => ({
  segmentId,
  observedAt: at,
  speedKmh,
  flowVph: 600,
  occupancy: 0.1,
  source: 'test',
});

const backends = await testBackends('store tests');

describe.each(backends)('the store on %s', (_name, open, skip) => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  const fresh = async () => {
    store = await Store.open(await open());
    return store;
  };

  it.skipIf(skip)('applies its migrations once, however often it is opened', async () => {
    const sql = await open();
    const steps = await migrate(sql);
    await migrate(sql);
    const rows = await sql.query<{ n: number }>('select count(*)::int as n from schema_version');
    expect(rows[0].n).toBe(steps);
    await sql.close();
  });

  it.skipIf(skip)('returns upserted road segments as they were written, ordered by id', async () => {
    const s = await fresh();
    await s.upsertSegments([segment('s00002'), segment('s00001')]);
    await s.upsertSegments([{ ...segment('s00002'), name: 'Renamed Street' }]);
    const list = await s.listSegments();
    expect(list.map((x) => x.id)).toEqual(['s00001', 's00002']);
    expect(list[1]).toEqual({ ...segment('s00002'), name: 'Renamed Street' });
  });

  it.skipIf(skip)('keeps one row when the same observation arrives twice', async () => {
    const s = await fresh();
    await s.upsertSegments([segment('s00001')]);
    await s.insertObservations([obs('s00001', '2026-11-23T08:00:00.000Z', 30)]);
    await s.insertObservations([obs('s00001', '2026-11-23T08:00:00.000Z', 31)]);
    const latest = await s.latestObservations();
    expect(latest).toHaveLength(1);
    expect(latest[0].speedKmh).toBe(31);
    expect(latest[0].observedAt).toBe('2026-11-23T08:00:00.000Z');
  });

  it.skipIf(skip)('writes nothing of a batch when one of its rows is invalid', async () => {
    const s = await fresh();
    await s.upsertSegments([segment('s00001')]);
    const batch = [obs('s00001', '2026-11-23T08:00:00.000Z', 30), obs('s00001', '2026-11-23T08:00:10.000Z', -5)];
    await expect(s.transaction((tx) => s.insertObservations(batch, tx))).rejects.toThrow();
    expect(await s.latestObservations()).toHaveLength(0);
  });

  it.skipIf(skip)('reads back a history backfill as 5-minute points', async () => {
    const s = await fresh();
    await s.upsertSegments([segment('s00001'), segment('s00002')]);
    await s.insertHistory({
      start: new Date('2026-11-23T06:00:00.000Z'),
      segmentIds: ['s00001', 's00002'],
      speedKmh: [
        [40, 35, 30],
        [20, 25, 30],
      ],
      flowVph: [
        [500, 600, 700],
        [100, 200, 300],
      ],
    });
    const h = await s.history('s00002', new Date('2026-11-23T06:00:00.000Z'), new Date('2026-11-23T07:00:00.000Z'));
    expect(h.map((p) => [p.bucket.toISOString(), p.speedKmh, p.flowVph])).toEqual([
      ['2026-11-23T06:00:00.000Z', 20, 100],
      ['2026-11-23T06:05:00.000Z', 25, 200],
      ['2026-11-23T06:10:00.000Z', 30, 300],
    ]);
    const range = await s.historyRange();
    expect(range?.from.toISOString()).toBe('2026-11-23T06:00:00.000Z');
    expect(range?.until.toISOString()).toBe('2026-11-23T06:10:00.000Z');
  });

  it.skipIf(skip)('rolls raw observations up into the mean of each completed 5-minute bucket', async () => {
    const s = await fresh();
    await s.upsertSegments([segment('s00001')]);
    await s.insertObservations([
      obs('s00001', '2026-11-23T08:00:10.000Z', 20),
      obs('s00001', '2026-11-23T08:02:00.000Z', 40),
      obs('s00001', '2026-11-23T08:05:10.000Z', 50),
    ]);
    const n = await s.rollup(new Date('2026-11-23T07:00:00.000Z'), new Date('2026-11-23T08:06:00.000Z'));
    expect(n).toBe(1);
    const h = await s.history('s00001', new Date('2026-11-23T08:00:00.000Z'), new Date('2026-11-23T08:10:00.000Z'));
    // The completed bucket is rolled up; the open one is still answered from raw rows.
    expect(h.map((p) => [p.bucket.toISOString(), p.speedKmh])).toEqual([
      ['2026-11-23T08:00:00.000Z', 30],
      ['2026-11-23T08:05:00.000Z', 50],
    ]);
  });

  it.skipIf(skip)('prunes raw observations past retention but keeps the 5-minute history', async () => {
    const s = await fresh();
    await s.upsertSegments([segment('s00001')]);
    await s.insertObservations([obs('s00001', '2026-11-23T01:00:10.000Z', 20), obs('s00001', '2026-11-23T08:00:10.000Z', 40)]);
    await s.rollup(new Date('2026-11-23T00:00:00.000Z'), new Date('2026-11-23T08:00:00.000Z'));
    expect(await s.prune(new Date('2026-11-23T08:00:10.000Z'))).toBe(1);
    const h = await s.history('s00001', new Date('2026-11-23T00:00:00.000Z'), new Date('2026-11-23T09:00:00.000Z'));
    expect(h.map((p) => p.speedKmh)).toEqual([20, 40]);
  });

  it.skipIf(skip)('keeps the basemap and other city assets by key', async () => {
    const s = await fresh();
    expect(await s.getAsset('basemap')).toBeNull();
    await s.putAsset('basemap', '{"a":1}');
    await s.putAsset('basemap', '{"a":2}');
    expect(await s.getAsset('basemap')).toBe('{"a":2}');
  });
});
