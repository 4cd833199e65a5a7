import { toPpb } from '@/lib/domain/aqi';
import type { WeatherNow } from '../domain';
import { CALM_MS } from './dispersion';
import type { Emitted } from './emissions';

/** What a station measures: µg/m³, CO in mg/m³. `no` is nitric oxide, reported alongside. */
export interface AirSample {
  pm25: number;
  pm10: number;
  no2: number;
  o3: number;
  co: number;
  no: number;
}

/** Traffic's contribution at a station before chemistry (µg/m³, NOx as NO2 mass, CO in µg/m³ too). */
export type Increment = Record<Emitted, number>;

/** Share of NOx that leaves the exhaust as NO2 (the rest is NO), typical of a fleet with many Euro 5–6 diesels (Carslaw et al.). */
const PRIMARY_NO2 = 0.25;
const NO_PPB_PER_UGM3 = 24.45 / 30.006;

/**
 * How much worse than a breezy (3 m/s), well-mixed (800 m) day the air stagnates: calm and a
 * low mixing layer (night, inversions) trap what the region and the town emit.
 */
export function stagnation(w: WeatherNow): number {
  const u = Math.max(CALM_MS, w.windSpeedMs);
  const h = Math.min(2500, Math.max(80, w.mixingHeightM));
  return Math.min(15, Math.max(0.2, (3 * 800) / (u * h)));
}

/** Regional ozone (ppb) arriving at the town: made by sunshine and warmth, lost at night under a shallow layer. */
export function backgroundOzonePpb(w: WeatherNow): number {
  const sun = Math.min(1.3, Math.max(0, w.solarRadiationWm2 / 700));
  const warmth = Math.min(1.4, Math.max(0.7, 1 + 0.015 * (w.temperatureC - 15)));
  const layer = 0.55 + 0.45 * Math.min(1, w.mixingHeightM / 800);
  return (20 + 40 * sun) * warmth * layer;
}

/**
 * The air at a station: regional background (in episodes, `pmEpisode`) plus the town's and the nearest roads' traffic,
 * dispersed by the weather; rain washes particles out, damp air swells PM2.5, and near roads
 * the NO emitted eats ozone (NO + O3 → NO2) except as far as sunshine splits NO2 back.
 */
export function airAt(w: WeatherNow, local: Increment, pmEpisode = 1): AirSample {
  const stag = stagnation(w);
  const rain = Math.max(0, w.precipitationMmH);
  const swell = 1 + 0.5 * Math.max(0, w.relativeHumidity - 0.75);
  const regional = Math.sqrt(stag);

  // pmEpisode: the regional particulate background's multi-day episodes (variation.ts).
  const pm25 = (9 * regional * swell * pmEpisode + local.pm25) * Math.exp(-0.12 * rain);
  const pm10 = (16 * regional * pmEpisode + local.pm10 + 0.4 * local.pm25) * Math.exp(-0.2 * rain);
  const co = 0.2 * stag ** 0.3 + local.co / 1000;

  // Chemistry in ppb: one NO takes one O3 and makes one NO2.
  const noxPpb = toPpb(local.nox, 'no2');
  const noEmitted = (1 - PRIMARY_NO2) * noxPpb;
  const o3Background = backgroundOzonePpb(w);
  // Photolysis keeps some NO free in sunshine (the photostationary state), so titration saturates.
  const photolysis = 15 * Math.min(1.3, Math.max(0, w.solarRadiationWm2 / 700)) + 1;
  const titrated = (noEmitted * o3Background) / (noEmitted + o3Background + photolysis);
  const no2Ppb = toPpb(10 * regional, 'no2') + PRIMARY_NO2 * noxPpb + titrated;

  return {
    pm25,
    pm10,
    no2: no2Ppb / toPpb(1, 'no2'),
    o3: (o3Background - titrated) / toPpb(1, 'o3'),
    co,
    no: (noEmitted - titrated) / NO_PPB_PER_UGM3,
  };
}
