import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { layerStateSchemaOf } from '@/lib/protocol/layers';
import { errorBodySchema } from '@/lib/protocol/models-api';
import { openPglite } from '../store/pglite';
import { Store } from '../store/store';
import { createModelsServer } from './app';
import { flowEntity, roadSegmentEntity, upsertEntities, modelsPerTest } from './test-server';

const start = modelsPerTest();

const alert = (over: Record<string, unknown> = {}) => ({
  id: 'urn:ngsi-ld:Alert:crash-s00001-1',
  type: 'Alert',
  category: 'traffic',
  subCategory: 'carAccident',
  alertSource: 'test',
  dateIssued: '2026-11-23T08:00:00.000Z',
  validFrom: '2026-11-23T08:00:00.000Z',
  validTo: '2026-11-23T08:30:00.000Z',
  severity: 'high',
  description: 'Crash on Mill Street: 0 of 1 lanes open',
  location: { type: 'Point', coordinates: [8.8005, 51.1002] },
  refRoadSegment: 'urn:ngsi-ld:RoadSegment:s00001',
  capacityFactor: 0.2,
  dataProvider: 'test',
  ...over,
});

const upsert = upsertEntities;
const incidents = async (url: string) => layerStateSchemaOf('incidents').parse(await (await fetch(`${url}/v1/state/incidents`)).json());
const rowCount = async (store: Store) => (await store.db.query<{ n: number }>('select count(*)::int as n from incident'))[0].n;

describe('the incidents domain of the model services', () => {
  it('serves an upserted traffic Alert as an incident on its segment', async () => {
    const { url } = await start();
    expect((await upsert(url, [roadSegmentEntity('s00001'), alert(), flowEntity('s00001', '2026-11-23T08:00:10.000Z', 20)])).status).toBe(204);
    const layer = await incidents(url);
    expect(layer.items['crash-s00001-1']).toEqual({
      kind: 'crash',
      severity: 'high',
      segmentId: 's00001',
      location: [8.8005, 51.1002],
      description: 'Crash on Mill Street: 0 of 1 lanes open',
      capacityFactor: 0.2,
      startedAt: '2026-11-23T08:00:00.000Z',
      endsAt: '2026-11-23T08:30:00.000Z',
    });
    expect(layer.asOf).toBe('2026-11-23T08:00:10.000Z');
  });

  it('serves the description code a field sends beside its description', async () => {
    const { url } = await start();
    const descriptionText = { code: 'incident.crash', params: { street: 'Mill Street', passage: 'lanesOpen', open: 0, lanes: 1 } };
    await upsert(url, [roadSegmentEntity('s00001'), alert({ descriptionText }), flowEntity('s00001', '2026-11-23T08:00:10.000Z', 20)]);
    expect((await incidents(url)).items['crash-s00001-1']?.descriptionText).toEqual(descriptionText);
  });

  it('stores each incident once, however often it is reported', async () => {
    const { url, store } = await start();
    await upsert(url, [roadSegmentEntity('s00001')]);
    for (let k = 1; k <= 3; k++) await upsert(url, [alert(), flowEntity('s00001', `2026-11-23T08:0${k}:00.000Z`, 20)]);
    expect(await rowCount(store)).toBe(1);
  });

  it('refuses an Alert on a road segment nobody registered, naming the field, and stores nothing', async () => {
    const { url, store } = await start();
    await upsert(url, [roadSegmentEntity('s00001')]);
    const res = await upsert(url, [flowEntity('s00001', '2026-11-23T08:00:10.000Z', 20), alert({ refRoadSegment: 'urn:ngsi-ld:RoadSegment:s09999' })]);
    expect(res.status).toBe(400);
    const body = errorBodySchema.parse(await res.json());
    expect(body.error.issues?.[0].path).toBe('[1].refRoadSegment');
    expect(await rowCount(store)).toBe(0);
    expect((await incidents(url)).items).toEqual({});
    expect((await (await fetch(`${url}/v1/state/traffic`)).json()).items).toEqual({});
  });

  it('refuses a malformed Alert, naming the field', async () => {
    const { url, store } = await start();
    await upsert(url, [roadSegmentEntity('s00001')]);
    const res = await upsert(url, [alert({ severity: 'apocalyptic' })]);
    expect(res.status).toBe(400);
    expect(errorBodySchema.parse(await res.json()).error.issues?.[0].path).toBe('[0].severity');
    expect(await rowCount(store)).toBe(0);
  });

  it('refuses a traffic incident Alert without a road segment', async () => {
    const { url } = await start();
    const res = await upsert(url, [alert({ refRoadSegment: undefined })]);
    expect(res.status).toBe(400);
    expect(errorBodySchema.parse(await res.json()).error.issues?.[0].path).toBe('[0].refRoadSegment');
  });

  it('removes an incident once observations newer than its end arrive, and keeps its row', async () => {
    const { url, store } = await start();
    await upsert(url, [roadSegmentEntity('s00001'), alert(), flowEntity('s00001', '2026-11-23T08:29:50.000Z', 20)]);
    expect(Object.keys((await incidents(url)).items)).toEqual(['crash-s00001-1']);
    await upsert(url, [flowEntity('s00001', '2026-11-23T08:30:00.000Z', 45)]);
    const layer = await incidents(url);
    expect(layer.items).toEqual({});
    expect(layer.asOf).toBe('2026-11-23T08:30:00.000Z');
    expect(await rowCount(store)).toBe(1);
  });

  it('judges an incident’s end by the observations’ time, not the wall clock', async () => {
    const { url } = await start();
    const old = { dateIssued: '2020-01-06T08:00:00.000Z', validFrom: '2020-01-06T08:00:00.000Z', validTo: '2020-01-06T08:30:00.000Z' };
    await upsert(url, [roadSegmentEntity('s00001'), alert(old), flowEntity('s00001', '2020-01-06T08:10:00.000Z', 20)]);
    expect(Object.keys((await incidents(url)).items)).toEqual(['crash-s00001-1']);
  });

  it('shows a planned incident only from its start', async () => {
    const { url } = await start();
    const planned = alert({ id: 'urn:ngsi-ld:Alert:rw-1', subCategory: 'roadWorks', validFrom: '2026-11-23T09:00:00.000Z', validTo: '2026-11-23T12:00:00.000Z' });
    await upsert(url, [roadSegmentEntity('s00001'), planned, flowEntity('s00001', '2026-11-23T08:00:10.000Z', 20)]);
    expect((await incidents(url)).items).toEqual({});
    await upsert(url, [flowEntity('s00001', '2026-11-23T09:00:00.000Z', 20)]);
    expect((await incidents(url)).items['rw-1']?.kind).toBe('roadworks');
  });

  it('ignores Alerts that are not road incidents', async () => {
    const { url, store } = await start();
    const res = await upsert(url, [alert({ id: 'urn:ngsi-ld:Alert:heat-1', category: 'weather', subCategory: 'heatWave', refRoadSegment: undefined })]);
    expect(res.status).toBe(204);
    expect(await rowCount(store)).toBe(0);
  });

  it('serves the incidents still open after a restart, from the store', async () => {
    const store = await Store.open(await openPglite());
    try {
      const serve = async () => {
        const models = await createModelsServer({ store, log: () => undefined });
        await new Promise<void>((resolve) => models.server.listen(0, '127.0.0.1', resolve));
        return { models, url: `http://127.0.0.1:${(models.server.address() as AddressInfo).port}` };
      };
      const first = await serve();
      await upsert(first.url, [
        roadSegmentEntity('s00001'),
        alert(),
        alert({ id: 'urn:ngsi-ld:Alert:gone', validTo: '2026-11-23T08:05:00.000Z' }),
        flowEntity('s00001', '2026-11-23T08:10:00.000Z', 20),
      ]);
      await first.models.close();
      const second = await serve();
      expect(Object.keys((await incidents(second.url)).items)).toEqual(['crash-s00001-1']);
      await second.models.close();
    } finally {
      await store.close();
    }
  });
});
