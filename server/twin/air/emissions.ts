import type { TrafficSim } from '../sim';

/** What road traffic emits that the stations measure; NOx counted as NO2 mass. */
export const emittedPollutants = ['nox', 'pm25', 'pm10', 'co'] as const;
export type Emitted = (typeof emittedPollutants)[number];
export type EmissionArrays = Record<Emitted, Float64Array>;

/**
 * Fleet-average emission factors in g per vehicle-km against average speed, shaped like the
 * COPERT / HBEFA curves: a floor plus a term that grows as speed falls, because stop-and-go
 * driving (acceleration, idling at queues, brake wear) costs more per kilometre than steady
 * flow. PM10 adds tyre, road wear and resuspension to PM2.5.
 */
const FACTORS: Record<Emitted, { base: number; slow: number }> = {
  nox: { base: 0.25, slow: 8 },
  pm25: { base: 0.012, slow: 0.25 },
  pm10: { base: 0.032, slow: 0.4 },
  co: { base: 0.4, slow: 20 },
};
/**
 * g per hour of a vehicle in a queue that barely moves: idling plus the pull-aways of
 * stop-and-go waves (HBEFA's stop+go urban NOx, ~0.8 g/km at ~7 km/h, is about 6 g/h).
 */
const QUEUE_G_PER_H: Record<Emitted, number> = { nox: 6, pm25: 0.15, pm10: 0.2, co: 15 };
/** Below this speed (km/h) vehicles spend part of their time queueing. */
const QUEUE_BELOW_KMH = 15;

/** Emission factor in g per vehicle-km at an average speed (km/h). */
export function emissionFactor(p: Emitted, speedKmh: number): number {
  const f = FACTORS[p];
  return f.base + f.slow / (Math.max(0, speedKmh) + 3);
}

/** g/s emitted by `vehicles` on a road moving at `speedKmh`: distance driven plus queueing. */
export function emissionRate(p: Emitted, vehicles: number, speedKmh: number): number {
  const v = Math.max(0, speedKmh);
  const queueing = Math.max(0, 1 - v / QUEUE_BELOW_KMH);
  return (vehicles * (emissionFactor(p, v) * v + QUEUE_G_PER_H[p] * queueing)) / 3600;
}

export function emissionArrays(size: number): EmissionArrays {
  return { nox: new Float64Array(size), pm25: new Float64Array(size), pm10: new Float64Array(size), co: new Float64Array(size) };
}

/** Every segment's emissions now (g/s), from the vehicles on it and their speed. */
export function segmentEmissions(sim: TrafficSim, out: EmissionArrays): void {
  for (let i = 0; i < sim.size; i++) for (const p of emittedPollutants) out[p][i] = emissionRate(p, sim.vehicles[i], sim.speedKmh[i]);
}
