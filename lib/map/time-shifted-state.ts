import { forecastAqi } from '../domain/aqi';
import type { AirReading } from '../protocol/air';
import type { MapForecast } from '../protocol/forecast';
import type { GridItem } from '../protocol/grid';
import type { ReplayFrames } from '../protocol/replay';

type Items<T> = Readonly<Record<string, T>>;
type Concentrations = { pm25: number; no2: number; o3: number };

/**
 * The grid at another time (a replay frame or a forecast): each feeder's and substation's load
 * from `loadOf` (utilisation follows), stamped with that time. Batteries and assets with no value
 * there keep their live values, so the map never invents a reading.
 */
export function gridWithLoads(items: Items<GridItem>, loadOf: (id: string) => number | undefined, at: string): Record<string, GridItem> {
  const out: Record<string, GridItem> = {};
  for (const [id, item] of Object.entries(items)) {
    const load = item.kind === 'battery' ? undefined : loadOf(id);
    if (load === undefined || item.kind === 'battery') {
      out[id] = item;
      continue;
    }
    out[id] = { ...item, loadKw: load, utilisation: Math.round((load / item.capacityKw) * 1000) / 1000, observedAt: at };
  }
  return out;
}

/**
 * Air stations at another time: PM2.5, NO2 and O3 from `concOf` (PM10 and CO stay as measured:
 * they are neither forecast nor replayed), and the AQI they imply under the station's standard,
 * with the hour's values standing in for the running means (lib/domain/aqi.ts forecastAqi).
 */
export function airWithConcentrations(items: Items<AirReading>, concOf: (id: string) => Concentrations | undefined, at: string): Record<string, AirReading> {
  const out: Record<string, AirReading> = {};
  for (const [id, item] of Object.entries(items)) {
    const c = concOf(id);
    if (!c) {
      out[id] = item;
      continue;
    }
    const [pm25, no2, o3] = [Math.max(0, c.pm25), Math.max(0, c.no2), Math.max(0, c.o3)];
    const aqi = forecastAqi(item.aqiStandard, pm25, no2, o3);
    out[id] = aqi
      ? { ...item, pm25, no2, o3, aqi: aqi.aqi, aqiLevel: aqi.level, dominant: aqi.dominant, observedAt: at }
      : { ...item, pm25, no2, o3, observedAt: at };
  }
  return out;
}

/** Forecast medians of a map forecast, by id. */
export const medianOf = (forecast: MapForecast['items']) => (id: string) => forecast[id]?.p50;

/** The value of one column of a replay frame, by id (undefined where the bucket has no reading). */
export function frameColumn(frames: ReplayFrames, column: string, k: number): (id: string) => number | undefined {
  const values = frames.columns[column] ?? [];
  const index = new Map(frames.ids.map((id, i) => [id, i]));
  return (id) => {
    const i = index.get(id);
    const v = i === undefined || k < 0 ? null : values[k * frames.ids.length + i];
    return v === null || v === undefined ? undefined : v;
  };
}

/** Three pollutant lookups as one: a station's concentrations only where all three are known. */
export function concentrationsOf(pm25: (id: string) => number | undefined, no2: (id: string) => number | undefined, o3: (id: string) => number | undefined) {
  return (id: string): Concentrations | undefined => {
    const [a, b, c] = [pm25(id), no2(id), o3(id)];
    return a === undefined || b === undefined || c === undefined ? undefined : { pm25: a, no2: b, o3: c };
  };
}
