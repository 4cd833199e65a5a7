import type { WeatherNow } from '../domain';
import type { City } from '../city';
import type { XY } from '../geo';
import type { Emitted, EmissionArrays } from './emissions';
import { SegmentIndex } from './segment-index';
import { closestOnPath } from './stations';

/**
 * How the roads' emissions reach the stations: each segment is a line source, and a station at
 * distance d sees the crosswind Gaussian line-source concentration 2q / (√(2π) σz u) (ground
 * reflection), scaled by the share of the view the segment fills (the angle it subtends / π)
 * and by whether the wind carries the plume towards the station. σz grows from the few metres
 * of vehicle-induced mixing with distance. Beyond RADIUS_M the urban box (below) takes over.
 */
export const RADIUS_M = 700;
/** Winds below this are calm: plumes meander and pool rather than travel (m/s). */
export const CALM_MS = 0.5;
const sigmaZ = (d: number) => 2.5 + 0.12 * d;
/**
 * Buildings along a street hold its exhaust in (the street-canyon effect): near-road
 * concentrations in built-up streets run some three times the open-road plume's.
 */
const CANYON = 3;
/** The town's plume has grown only a few hundred metres deep by the time it crosses the town. */
const PLUME_DEPTH_M = 350;

/** Segments near each station, in CSR form: their geometric weight and the road → station direction. */
export interface Kernel {
  start: Int32Array;
  segment: Int32Array;
  /** (1/m²): times emission per metre (g/m/s), over wind speed (m/s), gives g/m³. */
  weight: Float64Array;
  /** Unit vector from the road to the station (0, 0 when the station stands on it). */
  ux: Float64Array;
  uy: Float64Array;
}

function subtended(p: XY, a: XY, b: XY): number {
  const [ax, ay, bx, by] = [a[0] - p[0], a[1] - p[1], b[0] - p[0], b[1] - p[1]];
  return Math.abs(Math.atan2(ax * by - ay * bx, ax * bx + ay * by));
}

export function buildKernel(city: City, stations: ReadonlyArray<{ x: number; y: number }>): Kernel {
  const start = [0];
  const segment: number[] = [];
  const weight: number[] = [];
  const ux: number[] = [];
  const uy: number[] = [];
  const index = new SegmentIndex(city);
  for (const st of stations) {
    const p: XY = [st.x, st.y];
    for (const i of index.near(p, RADIUS_M)) {
      const s = city.segments[i];
      const near = closestOnPath(s.xy, p);
      if (near.distance > RADIUS_M) continue;
      let w = 0;
      for (let k = 1; k < s.xy.length; k++) {
        const piece = closestOnPath([s.xy[k - 1], s.xy[k]], p);
        w += ((subtended(p, s.xy[k - 1], s.xy[k]) / Math.PI) * 2) / (Math.sqrt(2 * Math.PI) * sigmaZ(piece.distance));
      }
      const d = near.distance;
      segment.push(i);
      weight.push(w / s.lengthM);
      ux.push(d > 3 ? (p[0] - near.point[0]) / d : 0);
      uy.push(d > 3 ? (p[1] - near.point[1]) / d : 0);
    }
    start.push(segment.length);
  }
  return {
    start: Int32Array.from(start),
    segment: Int32Array.from(segment),
    weight: Float64Array.from(weight),
    ux: Float64Array.from(ux),
    uy: Float64Array.from(uy),
  };
}

/**
 * Share of a plume that reaches a station in the direction (ux, uy) from the road: most when
 * the wind blows from road to station, some otherwise (turbulence, street canyons), and the
 * same from every side in a calm. Averages 0.75 over all wind directions.
 */
export function windFactor(weather: WeatherNow): (ux: number, uy: number) => number {
  const rad = (weather.windDirectionDeg * Math.PI) / 180;
  // The wind comes from windDirectionDeg, so it blows towards −(sin, cos).
  const [tx, ty] = [-Math.sin(rad), -Math.cos(rad)];
  const steady = Math.min(1, weather.windSpeedMs / 2);
  return (ux, uy) => {
    if (ux === 0 && uy === 0) return 1;
    const directional = 0.3 + 1.4 * Math.max(0, tx * ux + ty * uy);
    return steady * directional + (1 - steady) * 0.75;
  };
}

/** Near-road concentration (µg/m³) of one pollutant at every station, from the segments' emissions (g/s). */
export function nearRoad(kernel: Kernel, emissions: EmissionArrays, p: Emitted, weather: WeatherNow, out: Float64Array): void {
  const u = Math.max(CALM_MS, weather.windSpeedMs);
  const e = emissions[p];
  const wind = windFactor(weather);
  for (let s = 0; s < out.length; s++) {
    let c = 0;
    for (let k = kernel.start[s]; k < kernel.start[s + 1]; k++) c += e[kernel.segment[k]] * kernel.weight[k] * wind(kernel.ux[k], kernel.uy[k]);
    out[s] = ((CANYON * c) / u) * 1e6;
  }
}

/**
 * The town's own haze: all its emissions mixed into a box as deep as the mixing layer, blown
 * through by the wind over half the town's width. A low mixing layer and a calm trap it.
 * µg/m³ of one pollutant, the same for every station.
 */
export function urbanBox(city: City, emissions: EmissionArrays, p: Emitted, weather: WeatherNow): number {
  const { minX, maxX, minY, maxY } = city.extent;
  const area = (maxX - minX) * (maxY - minY);
  let total = 0;
  for (const v of emissions[p]) total += v;
  const fetch = 0.5 * Math.min(maxX - minX, maxY - minY);
  const u = Math.max(CALM_MS, weather.windSpeedMs);
  const h = Math.max(80, Math.min(PLUME_DEPTH_M, weather.mixingHeightM));
  return ((total / area) * fetch * 1e6) / (u * h);
}
