import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../store/store';
import { testBackends } from '../../store/test-stores';
import { saveArrivals, type ArrivalEvent } from '../transit/arrivals';
import { transitRaw, transitReport } from './transit';

const T0 = Date.parse('2026-03-02T06:00:00Z');
const MIN = 60_000;

/** Arrivals of one route at one stop every 10 scheduled minutes, each `delayMin(k)` late. */
const arrivals = (route: string, n: number, delayMin: (k: number) => number, stop = 's1'): ArrivalEvent[] =>
  Array.from({ length: n }, (_, k) => ({
    serviceDate: '20260302',
    tripId: `${route}-t${k}`,
    stopSequence: 1,
    stopId: stop,
    routeId: route,
    scheduledMs: T0 + k * 10 * MIN,
    arrivedMs: T0 + k * 10 * MIN + delayMin(k) * MIN,
  }));

const figure = (r: Awaited<ReturnType<typeof transitReport>>, key: string) => r.figures.find((f) => f.key === key)?.value;

const backends = await testBackends('transit KPI tests');

describe.each(backends)('transit KPIs on %s', (_name, open, skip) => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  const fresh = async () => (store = await Store.open(await open()));

  it.skipIf(skip)('counts arrivals from 1 min early to 5 min late as on time', async () => {
    const s = await fresh();
    // Delays −2, −1, 0, 5, 6 min: the middle three are on time.
    const delays = [-2, -1, 0, 5, 6];
    await saveArrivals(s.db, arrivals('r1', 5, (k) => delays[k]));
    const r = await transitReport(s.db, { range: 'day' }, T0);
    expect(figure(r, 'on-time')).toBe(60);
    expect(figure(r, 'delay')).toBe(1.6);
  });

  it.skipIf(skip)('gives a headway cv of 0 when every bus is equally late', async () => {
    const s = await fresh();
    await saveArrivals(s.db, arrivals('r1', 6, () => 3));
    const r = await transitReport(s.db, { range: 'day' }, T0);
    expect(figure(r, 'headway-cv')).toBe(0);
  });

  it.skipIf(skip)('measures headway irregularity against the scheduled headway', async () => {
    const s = await fresh();
    // Alternating 0 and 4 min late: headways 14, 6, 14, 6 min against 10 scheduled, σ of deviations 4 min.
    await saveArrivals(s.db, arrivals('r1', 5, (k) => (k % 2 ? 4 : 0)));
    const r = await transitReport(s.db, { range: 'day' }, T0);
    expect(figure(r, 'headway-cv')).toBe(0.4);
  });

  it.skipIf(skip)('keeps the first sighting when an arrival is stored twice', async () => {
    const s = await fresh();
    await saveArrivals(s.db, arrivals('r1', 1, () => 0));
    const again = await saveArrivals(s.db, arrivals('r1', 1, () => 9));
    const r = await transitReport(s.db, { range: 'day' }, T0);
    expect(again).toBe(0);
    expect(figure(r, 'delay')).toBe(0);
  });

  it.skipIf(skip)('reports only the chosen route when filtered', async () => {
    const s = await fresh();
    await saveArrivals(s.db, [...arrivals('r1', 3, () => 0), ...arrivals('r2', 3, () => 10, 's2')]);
    const r = await transitReport(s.db, { range: 'day', filter: 'r2' }, T0);
    expect(r.filter).toBe('r2');
    expect(figure(r, 'on-time')).toBe(0);
    expect(r.charts.find((c) => c.id === 'transit-by-route')?.rows.map((row) => row.name)).toEqual(['r2']);
  });

  it.skipIf(skip)('says so when no arrivals have been observed', async () => {
    const s = await fresh();
    const r = await transitReport(s.db, { range: 'day' }, T0);
    expect(figure(r, 'on-time')).toBeNull();
    expect(r.missing.length).toBe(1);
  });

  it.skipIf(skip)('matches the report to the plain count of the arrivals table', async () => {
    const s = await fresh();
    await saveArrivals(s.db, [...arrivals('r1', 7, (k) => k - 2), ...arrivals('r2', 4, (k) => 2 * k, 's2')]);
    const r = await transitReport(s.db, { range: 'day' }, T0);
    const raw = await transitRaw(s.db, r.from, r.to, null);
    expect(figure(r, 'arrivals')).toBe(raw.arrivals);
    expect(figure(r, 'on-time')).toBeCloseTo((raw.onTime / raw.arrivals) * 100, 1);
    expect(figure(r, 'delay')).toBeCloseTo(raw.delaySumS / raw.arrivals / 60, 2);
  });
});
