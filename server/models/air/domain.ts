import { computeAqi, realtimeAqiInput } from '@/lib/domain/aqi';
import type { AirReading, AqiStandard } from '@/lib/protocol/air';
import { shortId, type UpsertBatch } from '@/lib/protocol/ngsi';
import type { AirQualityObservedEntity } from '@/lib/protocol/ngsi-air';
import type { DomainFactory, ModelsDomain } from '../domain';
import { LayerCache } from '../layer-cache';
import { TrailingWindow } from './means';
import { insertAir, recentAir, type AirRow } from './store';

/** A validated AirQualityObserved as the store's row. */
export function airRowOf(e: AirQualityObservedEntity): AirRow {
  return {
    stationId: shortId(e.id),
    name: e.name,
    stationCode: e.stationCode ?? null,
    typeOfLocation: e.typeOfLocation ?? null,
    location: e.location.coordinates,
    observedAt: new Date(e.dateObserved).toISOString(),
    values: { pm25: e.pm25, pm10: e.pm10, no2: e.no2, o3: e.o3, co: e.co },
    no: e.no ?? null,
    source: e.dataProvider ?? null,
  };
}

/** The air layer's item for a station's newest reading: its concentrations and the AQI of its trailing means. */
export function airReadingOf(row: AirRow, window: TrailingWindow, standard: AqiStandard): AirReading | null {
  const aqi = computeAqi(standard, realtimeAqiInput(standard, window.means()));
  if (!aqi) return null;
  return {
    name: row.name,
    location: row.location,
    ...row.values,
    aqi: aqi.aqi,
    aqiLevel: aqi.level,
    aqiStandard: standard,
    dominant: aqi.dominant,
    observedAt: row.observedAt,
  };
}

/**
 * Air quality in the model services: AirQualityObserved → air_obs (every raw reading) and the
 * `air` layer, one item per station with the AQI under `standard` (AQI_STANDARD) computed from
 * the station's 1-, 8- and 24-hour trailing means, rebuilt from the store on start.
 */
export function createAirModels(standard: () => AqiStandard): DomainFactory {
  return async ({ store }): Promise<ModelsDomain> => {
    const aqiStandard = standard();
    const layer = new LayerCache('air');
    const windows = new Map<string, TrailingWindow>();
    const newest = new Map<string, AirRow>();
    const add = (r: AirRow) => {
      const w = windows.get(r.stationId) ?? new TrailingWindow();
      windows.set(r.stationId, w);
      w.add(Date.parse(r.observedAt), r.values);
      const held = newest.get(r.stationId);
      if (!held || held.observedAt <= r.observedAt) newest.set(r.stationId, r);
    };
    const publish = (stationId: string) => {
      const row = newest.get(stationId);
      const w = windows.get(stationId);
      if (!row || !w?.size) return;
      const item = airReadingOf(row, w, aqiStandard);
      if (item) layer.set(stationId, item, Date.parse(row.observedAt), row.source);
    };
    for (const r of await recentAir(store.db, 24)) add(r);
    for (const id of newest.keys()) publish(id);

    return {
      name: 'air',
      layers: [layer],
      planUpsert: (batch: UpsertBatch) => {
        const rows = batch.flatMap((e) => (e.type === 'AirQualityObserved' ? [airRowOf(e)] : []));
        return {
          issues: [],
          write: (tx) => insertAir(tx, rows),
          apply: () => {
            rows.forEach(add);
            for (const id of new Set(rows.map((r) => r.stationId))) publish(id);
          },
        };
      },
    };
  };
}
