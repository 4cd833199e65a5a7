import type { ForecastTarget, ModelFamily } from '@/lib/protocol/forecast';

/** Where a target's 5-minute history is kept. */
export interface SeriesSource {
  table: 'traffic_5min' | 'grid_5min' | 'air_5min';
  key: 'segment_id' | 'asset_id' | 'station_id';
  column: string;
  where?: string;
}

export interface TargetSpec {
  target: ForecastTarget;
  unit: string;
  stepMinutes: number;
  /** Forecast steps: 1…horizons. */
  horizons: number;
  /** Horizons (steps) metrics are reported at and models are ranked by. */
  reportSteps: number[];
  profileSlotMinutes: number;
  /** Physically possible values; anything else is cleaned away. */
  range: { min: number; max: number };
  /** Smallest normalisation scale (a feeder with no solar must not divide by zero). */
  scaleFloor: number;
  /** Lags the ridge model sees; input window of the GRU (steps). */
  lags: number;
  window: number;
  /**
   * Windows (steps) of mean departures the ridge model also sees: the day's level for the day-ahead
   * horizons. Serving reads this much history every step, so traffic (2,000 segments every
   * 5 minutes) keeps to its lags.
   */
  meanWindows: readonly number[];
  families: ModelFamily[];
  weather: boolean;
  neighbours: boolean;
  source: SeriesSource;
}

const traffic = { stepMinutes: 5, horizons: 12, reportSteps: [1, 3, 6, 12], profileSlotMinutes: 15, lags: 6, window: 12, meanWindows: [], weather: true, neighbours: true } as const;
const grid = { stepMinutes: 15, horizons: 96, reportSteps: [4, 24, 96], profileSlotMinutes: 15, lags: 4, window: 16, meanWindows: [24, 96], weather: true, neighbours: false } as const;
const air = { stepMinutes: 60, horizons: 24, reportSteps: [1, 6, 24], profileSlotMinutes: 60, lags: 6, window: 24, meanWindows: [24], weather: true, neighbours: false } as const;
const allFamilies: ModelFamily[] = ['persistence', 'seasonal-mean', 'ridge', 'gru'];
const fastFamilies: ModelFamily[] = ['persistence', 'seasonal-mean', 'ridge'];

/**
 * Every forecast target. The GRU is trained for the headline targets (speed, feeder load, PM2.5);
 * the others get the baselines and the ridge model, which train in seconds.
 */
export const targetSpecs: Record<ForecastTarget, TargetSpec> = {
  'traffic-speed': { target: 'traffic-speed', unit: 'km/h', ...traffic, reportSteps: [...traffic.reportSteps], range: { min: 0, max: 250 }, scaleFloor: 5, families: allFamilies, source: { table: 'traffic_5min', key: 'segment_id', column: 'speed_kmh' } },
  'traffic-flow': { target: 'traffic-flow', unit: 'veh/h', ...traffic, reportSteps: [...traffic.reportSteps], range: { min: 0, max: 50_000 }, scaleFloor: 30, families: fastFamilies, source: { table: 'traffic_5min', key: 'segment_id', column: 'flow_vph' } },
  'grid-load': { target: 'grid-load', unit: 'kW', ...grid, reportSteps: [...grid.reportSteps], range: { min: -1e6, max: 1e6 }, scaleFloor: 10, families: allFamilies, source: { table: 'grid_5min', key: 'asset_id', column: 'load_kw' } },
  'grid-solar': { target: 'grid-solar', unit: 'kW', ...grid, reportSteps: [...grid.reportSteps], range: { min: 0, max: 1e6 }, scaleFloor: 1, families: fastFamilies, source: { table: 'grid_5min', key: 'asset_id', column: 'solar_kw', where: "kind = 'feeder'" } },
  'air-pm25': { target: 'air-pm25', unit: 'µg/m³', ...air, reportSteps: [...air.reportSteps], range: { min: 0, max: 2000 }, scaleFloor: 1, families: allFamilies, source: { table: 'air_5min', key: 'station_id', column: 'pm25' } },
  'air-no2': { target: 'air-no2', unit: 'µg/m³', ...air, reportSteps: [...air.reportSteps], range: { min: 0, max: 4000 }, scaleFloor: 1, families: fastFamilies, source: { table: 'air_5min', key: 'station_id', column: 'no2' } },
  'air-o3': { target: 'air-o3', unit: 'µg/m³', ...air, reportSteps: [...air.reportSteps], range: { min: 0, max: 2000 }, scaleFloor: 1, families: fastFamilies, source: { table: 'air_5min', key: 'station_id', column: 'o3' } },
};

export const allTargets = Object.keys(targetSpecs) as ForecastTarget[];
