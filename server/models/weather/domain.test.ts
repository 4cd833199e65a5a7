import { describe, expect, it } from 'vitest';
import { layerStateSchemaOf } from '@/lib/protocol/layers';
import { errorBodySchema } from '@/lib/protocol/models-api';
import { upsertEntities, modelsPerTest } from '../test-server';

const start = modelsPerTest();
const upsert = upsertEntities;
const weatherState = async (url: string) => layerStateSchemaOf('weather').parse(await (await fetch(`${url}/v1/state/weather`)).json());

const observed = (at: string, temperature: number, windDirection = 250) => ({
  id: 'urn:ngsi-ld:WeatherObserved:ws-centre',
  type: 'WeatherObserved',
  name: 'Polis Centre weather station',
  location: { type: 'Point', coordinates: [9.94, 51.54] },
  dateObserved: at,
  temperature,
  relativeHumidity: 0.62,
  windSpeed: 3.4,
  windDirection,
  solarRadiation: 420,
  precipitation: 0,
  atmosphericPressure: 1012.5,
  cloudCover: 0.4,
  mixingLayerHeight: 1200,
  dataProvider: 'test',
});

describe('weather ingest in the model services', () => {
  it('serves a WeatherObserved as the weather layer, keyed by station', async () => {
    const { url } = await start();
    expect((await upsert(url, [observed('2026-11-23T12:00:00.000Z', 8.5)])).status).toBe(204);
    const state = await weatherState(url);
    expect(state.source).toBe('test');
    expect(state.items['ws-centre']).toEqual({
      name: 'Polis Centre weather station',
      location: [9.94, 51.54],
      temperatureC: 8.5,
      relativeHumidity: 0.62,
      windSpeedMs: 3.4,
      windDirectionDeg: 250,
      solarRadiationWm2: 420,
      precipitationMmH: 0,
      cloudCover: 0.4,
      mixingHeightM: 1200,
      observedAt: '2026-11-23T12:00:00.000Z',
    });
  });

  it('keeps the newest reading when an older one arrives late', async () => {
    const { url } = await start();
    await upsert(url, [observed('2026-11-23T12:01:00.000Z', 9)]);
    await upsert(url, [observed('2026-11-23T12:00:00.000Z', 2)]);
    expect((await weatherState(url)).items['ws-centre'].temperatureC).toBe(9);
  });

  it('turns a wind direction of −45° into 315°', async () => {
    const { url } = await start();
    await upsert(url, [observed('2026-11-23T12:00:00.000Z', 8, -45)]);
    expect((await weatherState(url)).items['ws-centre'].windDirectionDeg).toBe(315);
  });

  it('stores every reading for later forecasting', async () => {
    const { url, store } = await start();
    await upsert(url, [observed('2026-11-23T12:00:00.000Z', 8), observed('2026-11-23T12:01:00.000Z', 8.1)]);
    const [row] = await store.db.query<{ n: number }>('select count(*)::int as n from weather_obs');
    expect(row.n).toBe(2);
  });

  it('refuses a malformed observation, naming the field, and stores nothing', async () => {
    const { url, store } = await start();
    const res = await upsert(url, [observed('2026-11-23T12:00:00.000Z', 8), { ...observed('2026-11-23T12:01:00.000Z', 8), relativeHumidity: 62 }]);
    expect(res.status).toBe(400);
    expect(errorBodySchema.parse(await res.json()).error.issues?.[0].path).toBe('[1].relativeHumidity');
    expect((await weatherState(url)).items).toEqual({});
    const [row] = await store.db.query<{ n: number }>('select count(*)::int as n from weather_obs');
    expect(row.n).toBe(0);
  });
});
