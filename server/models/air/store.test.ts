import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../store/store';
import { testBackends } from '../../store/test-stores';
import { insertAir, recentAir, type AirRow } from './store';

const row = (stationId: string, observedAt: string, pm25: number): AirRow => ({
  stationId,
  name: `Mill Street ${stationId}`,
  stationCode: stationId,
  typeOfLocation: 'traffic',
  location: [9.94, 51.54],
  observedAt,
  values: { pm25, pm10: 2 * pm25, no2: 40, o3: 30, co: 0.4 },
  no: null,
  source: 'test',
});

const backends = await testBackends('air store tests');

describe.each(backends)('the air store on %s', (_name, open, skip) => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  const fresh = async () => (store = await Store.open(await open()));

  it.skipIf(skip)('returns the last 24 hours of readings before the newest, oldest first, with their station', async () => {
    const s = await fresh();
    await insertAir(s.db, [row('aq-01', '2026-11-22T07:00:00.000Z', 5), row('aq-01', '2026-11-23T07:30:00.000Z', 10), row('aq-02', '2026-11-23T08:00:00.000Z', 20)]);
    const recent = await recentAir(s.db, 24);
    expect(recent.map((r) => [r.stationId, r.observedAt, r.values.pm25])).toEqual([
      ['aq-01', '2026-11-23T07:30:00.000Z', 10],
      ['aq-02', '2026-11-23T08:00:00.000Z', 20],
    ]);
    expect(recent[0]).toEqual(row('aq-01', '2026-11-23T07:30:00.000Z', 10));
  });

  it.skipIf(skip)('keeps one row per station and time, the last written', async () => {
    const s = await fresh();
    await insertAir(s.db, [row('aq-01', '2026-11-23T08:00:00.000Z', 10)]);
    await insertAir(s.db, [row('aq-01', '2026-11-23T08:00:00.000Z', 12)]);
    expect((await recentAir(s.db, 24)).map((r) => r.values.pm25)).toEqual([12]);
  });

  it.skipIf(skip)('returns nothing from an empty store', async () => {
    const s = await fresh();
    expect(await recentAir(s.db, 24)).toEqual([]);
  });
});
