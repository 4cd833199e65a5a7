import { shortId, type UpsertBatch } from '@/lib/protocol/ngsi';
import type { WeatherObservedEntity } from '@/lib/protocol/ngsi-weather';
import type { DomainFactory, ModelsDomain } from '../domain';
import { LayerCache } from '../layer-cache';
import { insertWeather, latestWeather, type WeatherRow } from './store';

/** A validated WeatherObserved as the weather layer's item and the store's row. */
export function weatherRowOf(e: WeatherObservedEntity): WeatherRow {
  return {
    stationId: shortId(e.id),
    pressureHpa: e.atmosphericPressure ?? null,
    source: e.dataProvider ?? null,
    reading: {
      name: e.name,
      location: e.location.coordinates,
      temperatureC: e.temperature,
      relativeHumidity: e.relativeHumidity,
      windSpeedMs: e.windSpeed,
      // The data model allows −180…360; the layer keeps 0–360 (360 itself is north, kept as 0).
      windDirectionDeg: ((e.windDirection % 360) + 360) % 360,
      solarRadiationWm2: e.solarRadiation,
      precipitationMmH: e.precipitation,
      ...(e.cloudCover !== undefined ? { cloudCover: e.cloudCover } : {}),
      ...(e.mixingLayerHeight !== undefined ? { mixingHeightM: e.mixingLayerHeight } : {}),
      observedAt: new Date(e.dateObserved).toISOString(),
    },
  };
}

/** Weather in the model services: WeatherObserved → the `weather` layer (by station) and weather_obs. */
export const createWeatherModels: DomainFactory = async ({ store }): Promise<ModelsDomain> => {
  const layer = new LayerCache('weather');
  const put = (r: WeatherRow) => layer.set(r.stationId, r.reading, Date.parse(r.reading.observedAt), r.source);
  for (const r of await latestWeather(store.db)) put(r);
  return {
    name: 'weather',
    layers: [layer],
    planUpsert: (batch: UpsertBatch) => {
      const rows = batch.flatMap((e) => (e.type === 'WeatherObserved' ? [weatherRowOf(e)] : []));
      return {
        issues: [],
        write: (tx) => insertWeather(tx, rows),
        apply: () => rows.forEach(put),
      };
    },
  };
};
