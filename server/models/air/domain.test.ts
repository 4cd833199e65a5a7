import { describe, expect, it } from 'vitest';
import { layerStateSchemaOf } from '@/lib/protocol/layers';
import { errorBodySchema } from '@/lib/protocol/models-api';
import { upsertBatchSchema } from '@/lib/protocol/ngsi';
import { openPglite } from '../../store/pglite';
import { Store } from '../../store/store';
import { createModelsServer } from '../app';
import { postJson, modelsPerTest } from '../test-server';
import { createAirModels } from './domain';

const start = modelsPerTest();

const UPSERT = '/ngsi-ld/v1/entityOperations/upsert';
const airState = layerStateSchemaOf('air');

const reading = (at: string, over: Record<string, unknown> = {}) => ({
  id: 'urn:ngsi-ld:AirQualityObserved:aq-01',
  type: 'AirQualityObserved',
  name: 'Mill Street',
  stationCode: 'aq-01',
  typeOfLocation: 'traffic',
  location: { type: 'Point', coordinates: [9.94, 51.54] },
  dateObserved: at,
  pm25: 20,
  pm10: 30,
  no2: 40,
  o3: 30,
  co: 0.4,
  dataProvider: 'test',
  ...over,
});

const countRows = async (store: Store) => (await store.db.query<{ n: number }>('select count(*)::int as n from air_obs'))[0].n;

describe('air quality in the model services', () => {
  it('serve an AirQualityObserved as the air layer, with its AQI under the default US EPA standard', async () => {
    const { url } = await start();
    expect((await postJson(`${url}${UPSERT}`, [reading('2026-11-23T08:00:00Z')])).status).toBe(204);
    const state = airState.parse(await (await fetch(`${url}/v1/state/air`)).json());
    expect(state.source).toBe('test');
    expect(state.asOf).toBe('2026-11-23T08:00:00.000Z');
    // PM2.5 20 µg/m³: 49 / 26.3 × (20 − 9.1) + 51 = 71.3 → 71, above NO2 (21 ppb → 20) and the rest.
    expect(state.items['aq-01']).toEqual({
      name: 'Mill Street',
      location: [9.94, 51.54],
      pm25: 20,
      pm10: 30,
      no2: 40,
      o3: 30,
      co: 0.4,
      aqi: 71,
      aqiLevel: 2,
      aqiStandard: 'us-epa',
      dominant: 'pm25',
      observedAt: '2026-11-23T08:00:00.000Z',
    });
  });

  it('keep every raw reading in the store', async () => {
    const { url, store } = await start();
    await postJson(`${url}${UPSERT}`, [reading('2026-11-23T08:00:00Z'), reading('2026-11-23T08:01:00Z', { pm25: 22 })]);
    const rows = await store.db.query<{ pm25: number; station_id: string }>('select station_id, pm25 from air_obs order by observed_at');
    expect(rows).toEqual([
      { station_id: 'aq-01', pm25: 20 },
      { station_id: 'aq-01', pm25: 22 },
    ]);
  });

  it('compute the AQI from the station’s trailing means, not the last reading alone', async () => {
    const { url } = await start();
    await postJson(`${url}${UPSERT}`, [reading('2026-11-23T08:00:00Z', { pm25: 20 }), reading('2026-11-23T08:30:00Z', { pm25: 40 })]);
    const state = airState.parse(await (await fetch(`${url}/v1/state/air`)).json());
    // 24-hour mean 30: 49 / 26.3 × (30 − 9.1) + 51 = 89.9 → 90.
    expect(state.items['aq-01']).toMatchObject({ pm25: 40, aqi: 90 });
  });

  it('reject a malformed reading with 400 naming its field, and store nothing of the batch', async () => {
    const { url, store } = await start();
    const res = await postJson(`${url}${UPSERT}`, [reading('2026-11-23T08:00:00Z'), reading('2026-11-23T08:01:00Z', { pm25: -3 })]);
    expect(res.status).toBe(400);
    const err = errorBodySchema.parse(await res.json()).error;
    expect(err.issues?.[0].path).toBe('[1].pm25');
    expect(await countRows(store)).toBe(0);
    expect(airState.parse(await (await fetch(`${url}/v1/state/air`)).json()).items).toEqual({});
  });

  it.each([
    ['a missing pollutant', { co: undefined }, '[0].co'],
    ['a location that is not a point', { location: { type: 'LineString', coordinates: [9.94, 51.54] } }, '[0].location.type'],
    ['an id of another type', { id: 'urn:ngsi-ld:WeatherObserved:aq-01' }, '[0].id'],
    ['a date without a time zone', { dateObserved: '2026-11-23T08:00:00' }, '[0].dateObserved'],
  ])('reject %s, naming the field', async (_what, over, path) => {
    const { url, store } = await start();
    const res = await postJson(`${url}${UPSERT}`, [reading('2026-11-23T08:00:00Z', over)]);
    expect(res.status).toBe(400);
    expect(errorBodySchema.parse(await res.json()).error.issues?.[0].path).toBe(path);
    expect(await countRows(store)).toBe(0);
  });

  it('reject an entity type nobody knows', async () => {
    const { url } = await start();
    const res = await postJson(`${url}${UPSERT}`, [{ ...reading('2026-11-23T08:00:00Z'), type: 'AirQualityForecast' }]);
    expect(res.status).toBe(400);
    expect(errorBodySchema.parse(await res.json()).error.issues?.[0].path).toBe('[0].type');
  });

  it('rebuild the air layer from the store after a restart', async () => {
    const { url, store } = await start();
    await postJson(`${url}${UPSERT}`, [reading('2026-11-23T08:00:00Z', { pm25: 20 }), reading('2026-11-23T08:30:00Z', { pm25: 40 })]);
    const before = await (await fetch(`${url}/v1/state/air`)).json();
    const again = await createModelsServer({ store, log: () => undefined });
    const air = again.domains.find((d) => d.name === 'air')?.layers[0];
    expect(JSON.parse(air?.toJson() ?? 'null')).toEqual(before);
    await again.close();
  });
});

describe('air quality under the China standard', () => {
  it('index the air layer by HJ 633 when AQI_STANDARD is cn-hj633', async () => {
    const store = await Store.open(await openPglite());
    try {
      const domain = await createAirModels(() => 'cn-hj633')({ store, log: () => undefined, now: Date.now });
      const plan = domain.planUpsert!(upsertBatchSchema.parse([reading('2026-11-23T08:00:00Z', { pm25: 160, pm10: 200 })]));
      await store.transaction((tx) => plan.write(tx));
      plan.apply();
      const state = airState.parse(JSON.parse(domain.layers[0].toJson()));
      // 1-hour PM2.5 160 against the 24-hour limits: 200 + 100 / 100 × 10 = 210, 重度污染.
      expect(state.items['aq-01']).toMatchObject({ aqi: 210, aqiLevel: 5, aqiStandard: 'cn-hj633', dominant: 'pm25' });
    } finally {
      await store.close();
    }
  });
});
