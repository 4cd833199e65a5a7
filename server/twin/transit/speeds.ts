/**
 * How fast a bus goes on a road, given the traffic there: no faster than the cars, capped
 * (buses are heavy and slow to accelerate), and a little slower on top (pulling in and out).
 */
export const BUS_MAX_KMH = 50;
export const BUS_FACTOR = 0.85;
/** Where a path leaves the road network (an imported shape off the map): a typical urban speed. */
export const OFF_NETWORK_KMH = 25;
/** Below this the bus is in a queue but still creeps on. */
const MIN_KMH = 2;

/** Bus speed in m/s on a segment whose traffic moves at `trafficKmh` (null: no segment there). */
export function busSpeedMs(trafficKmh: number | null): number {
  const kmh = trafficKmh === null ? OFF_NETWORK_KMH : Math.min(trafficKmh, BUS_MAX_KMH) * BUS_FACTOR;
  return Math.max(MIN_KMH, kmh) / 3.6;
}
