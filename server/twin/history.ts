import type { HistoryBackfill } from '@/lib/protocol/models-api';
import type { City } from './city';
import { STEP_S, type TrafficSim } from './sim';
import { DATA_PROVIDER } from './ngsi';

export const BUCKET_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Run the simulation over [sim.time, until) and hand back 5-minute means, at most a day per
 * block, as the model services' backfill body. `until` and sim.time must be on bucket edges.
 */
export function* backfillBlocks(city: City, sim: TrafficSim, until: number): Generator<HistoryBackfill> {
  const n = city.segments.length;
  const stepsPerBucket = BUCKET_MS / (STEP_S * 1000);
  while (sim.time < until) {
    const start = sim.time;
    const buckets = Math.min(DAY_MS, until - start) / BUCKET_MS;
    const speed = Array.from({ length: n }, () => new Array<number>(buckets));
    const flow = Array.from({ length: n }, () => new Array<number>(buckets));
    const sumV = new Float64Array(n);
    const sumQ = new Float64Array(n);
    for (let b = 0; b < buckets; b++) {
      sumV.fill(0);
      sumQ.fill(0);
      for (let k = 0; k < stepsPerBucket; k++) {
        sim.step();
        for (let i = 0; i < n; i++) {
          sumV[i] += sim.speedKmh[i];
          sumQ[i] += sim.flowVph[i];
        }
      }
      for (let i = 0; i < n; i++) {
        speed[i][b] = Math.round((sumV[i] / stepsPerBucket) * 10) / 10;
        flow[i][b] = Math.round(sumQ[i] / stepsPerBucket);
      }
    }
    yield {
      start: new Date(start).toISOString(),
      stepSeconds: 300,
      segmentIds: city.segments.map((s) => s.id),
      speedKmh: speed,
      flowVph: flow,
      source: DATA_PROVIDER,
    };
  }
}

/** Run without recording (to warm the network up before what is kept). */
export function runUntil(sim: TrafficSim, until: number): void {
  while (sim.time < until) sim.step();
}
