import type { RoadClass } from '@/lib/domain/road';

/**
 * Which road segments to restrict around an air-quality station: those whose traffic adds most to
 * what the station measures. Pure: the air optimiser feeds it the network, flows and wind.
 */

/** NOx emitted per vehicle-km by road class (g/veh-km), a fleet mix after COPERT 5 urban/motorway averages. */
export const NOX_G_PER_VEH_KM: Record<RoadClass, number> = { motorway: 0.3, primary: 0.38, secondary: 0.42, tertiary: 0.45, residential: 0.5 };
export const RADIUS_M = 600;
/** Segments are taken, most contributing first, until they make this share of the area's contribution. */
export const COVER_SHARE = 0.7;
export const MAX_SEGMENTS = 60;
/** Calmer than this (m/s), the wind direction does not weigh. */
const CALM_MS = 1;

export interface CandidateSegment {
  id: string;
  roadClass: RoadClass;
  lengthM: number;
  /** Midpoint [lon, lat]. */
  mid: [number, number];
  flowVph: number;
}

export interface Wind {
  speedMs: number;
  /** Where the wind blows from, degrees clockwise from north. */
  fromDeg: number;
}

export interface PickedSegment {
  id: string;
  distanceM: number;
  /** Relative contribution at the station (g/h weighted by distance and wind). */
  weight: number;
  upwind: boolean;
}

const R = 6_371_000;
const rad = (d: number) => (d * Math.PI) / 180;

/** Distance (m) and bearing (degrees from north) from a to b, equirectangular (fine within a few km). */
export function offset(a: readonly [number, number], b: readonly [number, number]): { distanceM: number; bearingDeg: number } {
  const x = rad(b[0] - a[0]) * Math.cos(rad((a[1] + b[1]) / 2)) * R;
  const y = rad(b[1] - a[1]) * R;
  return { distanceM: Math.hypot(x, y), bearingDeg: ((Math.atan2(x, y) * 180) / Math.PI + 360) % 360 };
}

/**
 * Weight of a segment: emissions (flow × length × NOx factor) over distance (a near-field
 * dispersion falls roughly as 1/d), times 1 + cos(angle between the segment's bearing from the
 * station and the wind's origin) when the wind blows: upwind counts up to twice, downwind little.
 */
export function pickSegments(station: readonly [number, number], segments: readonly CandidateSegment[], wind: Wind | null, radiusM = RADIUS_M): PickedSegment[] {
  const windy = wind !== null && wind.speedMs >= CALM_MS;
  const near: PickedSegment[] = [];
  for (const s of segments) {
    const { distanceM, bearingDeg } = offset(station, s.mid);
    if (distanceM > radiusM) continue;
    const emission = Math.max(0, s.flowVph) * (s.lengthM / 1000) * NOX_G_PER_VEH_KM[s.roadClass];
    const cos = windy ? Math.cos(rad(bearingDeg - wind.fromDeg)) : 0;
    const weight = (emission / Math.max(distanceM, 25)) * (windy ? 1 + cos : 1);
    if (weight > 0) near.push({ id: s.id, distanceM: Math.round(distanceM), weight, upwind: windy && cos > 0 });
  }
  near.sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : 1));
  const total = near.reduce((sum, p) => sum + p.weight, 0);
  const picked: PickedSegment[] = [];
  let covered = 0;
  for (const p of near) {
    if (covered >= COVER_SHARE * total || picked.length >= MAX_SEGMENTS) break;
    picked.push(p);
    covered += p.weight;
  }
  return picked;
}

/**
 * The share of trips kept out: enough to matter, growing with how far over the threshold the AQI
 * goes (20 % at the threshold, up to 60 % at 1.5 × it). A first guess the what-if then measures.
 */
export function reductionFor(aqi: number, threshold: number): number {
  const over = threshold > 0 ? Math.max(0, aqi - threshold) / threshold : 0;
  return Math.round(Math.min(0.6, 0.2 + over * 0.8) * 100) / 100;
}
