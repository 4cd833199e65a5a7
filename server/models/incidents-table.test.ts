import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../store/store';
import { testBackends } from '../store/test-stores';
import { loadOpenIncidents, upsertIncidents, type IncidentRow } from './incidents-table';

const backends = await testBackends('incident table tests');

const row = (id: string, endsAt: string | null, lastSeenAt: string): IncidentRow => ({
  id,
  incident: {
    kind: 'roadworks',
    severity: 'low',
    segmentId: 's00001',
    location: [8.8, 51.1],
    description: 'Roadworks on Mill Street',
    capacityFactor: 0.45,
    startedAt: '2026-11-23T09:00:00.000Z',
    endsAt,
  },
  issuedAt: Date.parse('2026-11-23T09:00:00.000Z'),
  lastSeenAt: Date.parse(lastSeenAt),
  source: 'test',
});

describe.each(backends)('the incident table on %s', (_name, open, skip) => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  it.skipIf(skip)('loads back what is still open at the newest report time, as it was written', async () => {
    store = await Store.open(await open());
    const s = store;
    const open1 = row('a', '2026-11-23T12:00:00.000Z', '2026-11-23T10:00:00.000Z');
    const endless = row('c', null, '2026-11-23T09:30:00.000Z');
    await s.transaction((tx) => upsertIncidents(tx, [open1, row('b', '2026-11-23T09:45:00.000Z', '2026-11-23T09:40:00.000Z'), endless]));
    const loaded = await loadOpenIncidents(s.db);
    expect(loaded.clock).toBe(Date.parse('2026-11-23T10:00:00.000Z'));
    expect(loaded.rows).toEqual([open1, endless]);
  });

  it.skipIf(skip)('keeps the code of a description, and reads one this version lacks as none', async () => {
    store = await Store.open(await open());
    const s = store;
    const coded = { ...row('a', null, '2026-11-23T10:00:00.000Z'), incident: { ...row('a', null, '').incident, descriptionText: { code: 'incident.roadworks' as const, params: { street: 'Mill Street' } } } };
    await upsertIncidents(s.db, [coded, row('b', null, '2026-11-23T10:00:00.000Z')]);
    await s.db.query(`update incident set description_text = '{"code":"incident.fromTheFuture","params":{}}' where id = 'b'`);
    const loaded = await loadOpenIncidents(s.db);
    expect(loaded.rows.map((r) => r.incident.descriptionText)).toEqual([coded.incident.descriptionText, undefined]);
  });

  it.skipIf(skip)('updates an incident reported again, never moving its last report back in time', async () => {
    store = await Store.open(await open());
    const s = store;
    await upsertIncidents(s.db, [row('a', '2026-11-23T12:00:00.000Z', '2026-11-23T10:00:00.000Z')]);
    await upsertIncidents(s.db, [{ ...row('a', '2026-11-23T13:00:00.000Z', '2026-11-23T09:00:00.000Z') }]);
    const loaded = await loadOpenIncidents(s.db);
    expect(loaded.rows).toHaveLength(1);
    expect(loaded.rows[0].incident.endsAt).toBe('2026-11-23T13:00:00.000Z');
    expect(loaded.rows[0].lastSeenAt).toBe(Date.parse('2026-11-23T10:00:00.000Z'));
  });
});
