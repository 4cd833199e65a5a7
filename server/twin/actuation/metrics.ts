import { computeAqi } from '@/lib/domain/aqi';
import type { AirSample } from '../air/chemistry';
import type { City } from '../city';
import type { TrafficSim } from '../sim';

/** Below this a segment counts as standing (km/h): keeps a jammed segment's travel time finite. */
const CRAWL_KMH = 1;

/** Delay per vehicle on one segment now (s): travel time at its speed against its free-flow time. */
export function segmentDelayS(city: City, sim: TrafficSim, i: number): number {
  const s = city.segments[i];
  return Math.max(0, (3.6 * s.lengthM) / Math.max(CRAWL_KMH, sim.speedKmh[i]) - (3.6 * s.lengthM) / s.freeFlowKmh);
}

/**
 * Mean delay of a vehicle driving a corridor end to end (s): its segments' delays, each weighted
 * by the flow on it (a segment few use counts less), times the number of segments. With
 * `perSegment`, the flow-weighted mean per segment instead (a set of approaches, not a route).
 */
export function corridorDelayS(city: City, sim: TrafficSim, segments: readonly number[], perSegment = false): number {
  if (!segments.length) return 0;
  let weighted = 0;
  let flow = 0;
  for (const i of segments) {
    // A standing queue has no outflow but is all delay: give every segment a little weight.
    const w = Math.max(sim.flowVph[i], 30);
    weighted += w * segmentDelayS(city, sim, i);
    flow += w;
  }
  return (weighted / flow) * (perSegment ? 1 : segments.length);
}

/** AQI (US EPA) of a station's air now, its readings standing in for the averaging periods. */
export function instantAqi(a: AirSample): number {
  return computeAqi('us-epa', { pm25_24h: a.pm25, pm10_24h: a.pm10, no2_1h: a.no2, o3_1h: a.o3, o3_8h: a.o3, co_8h: a.co })?.aqi ?? 0;
}
