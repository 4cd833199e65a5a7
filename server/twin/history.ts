import type { HistoryBackfill } from '@/lib/protocol/models-api';
import type { City } from './city';
import { DATA_PROVIDER } from './ngsi';
import { STEP_S, TrafficSim } from './sim';

export const BUCKET_MS = 5 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;
/** The network starts empty: a simulation runs this long before anything it produces is kept. */
export const WARM_UP_MS = 2 * 3600_000;

export interface Span {
  start: number;
  end: number;
}

/**
 * Which history to simulate, in blocks of at most a day: the gap since the held history ended
 * (the twin was down), oldest first; then the days before the held history began, newest first,
 * back to `days` before `end`. On a first start that means newest first, so the charts' last two
 * hours exist after the first block; either way what is held stays one unbroken range, so an
 * interrupted backfill resumes where it stopped.
 */
export function planBackfill(opts: { end: number; days: number; heldFrom: number | null; heldUntil: number | null }): Span[] {
  const floor = (t: number) => Math.floor(t / BUCKET_MS) * BUCKET_MS;
  const end = floor(opts.end);
  const oldest = floor(end - opts.days * DAY_MS);
  const wanted: Array<Span & { oldestFirst: boolean }> = [];
  if (opts.heldFrom === null || opts.heldUntil === null) wanted.push({ start: oldest, end, oldestFirst: false });
  else {
    const gapStart = Math.max(oldest, floor(opts.heldUntil) + BUCKET_MS);
    if (gapStart < end) wanted.push({ start: gapStart, end, oldestFirst: true });
    const before = Math.min(floor(opts.heldFrom), end);
    if (oldest < before) wanted.push({ start: oldest, end: before, oldestFirst: false });
  }
  const blocks: Span[] = [];
  wanted.forEach((span) => {
    const days: Span[] = [];
    for (let e = span.end; e > span.start; e -= DAY_MS) days.push({ start: Math.max(span.start, e - DAY_MS), end: e });
    // A gap is filled oldest first, so what is held stays one unbroken range if this stops midway.
    blocks.push(...(span.oldestFirst ? days.reverse() : days));
  });
  return blocks;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Simulate one block of history on its own (warmed up from an empty network) and return its
 * 5-minute means as the model services' backfill body. Yields to the event loop every simulated
 * hour so the live twin in the same process keeps its beat.
 */
export async function simulateBlock(city: City, seed: number, span: Span): Promise<HistoryBackfill> {
  const n = city.segments.length;
  // A seed per block: the same block is the same history, whichever order blocks run in.
  const sim = new TrafficSim(city, { seed: (seed ^ Math.floor(span.start / BUCKET_MS)) >>> 0, start: span.start - WARM_UP_MS, weatherSeed: seed });
  while (sim.time < span.start) {
    for (let k = 0; k < 360 && sim.time < span.start; k++) sim.step();
    await turn();
  }
  const stepsPerBucket = BUCKET_MS / (STEP_S * 1000);
  const buckets = Math.round((span.end - span.start) / BUCKET_MS);
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
    if (b % 12 === 11) await turn();
  }
  return {
    start: new Date(span.start).toISOString(),
    stepSeconds: 300,
    segmentIds: city.segments.map((s) => s.id),
    speedKmh: speed,
    flowVph: flow,
    source: DATA_PROVIDER,
  };
}

/** Bodies stay well under the model services' request limit (and the 32 MB the API asks for). */
export const MAX_HISTORY_BODY_BYTES = 20_000_000;

/**
 * Split a block by segment rows so no body exceeds `maxBytes`: a day of a 20,000-segment city
 * is about 58 MB of JSON. The size is estimated from a sample of rows, not by serialising it all.
 */
export function splitBlock(block: HistoryBackfill, maxBytes = MAX_HISTORY_BODY_BYTES): HistoryBackfill[] {
  const rows = block.segmentIds.length;
  const sample = Math.min(rows, 64);
  const sampled = JSON.stringify({ i: block.segmentIds.slice(0, sample), v: block.speedKmh.slice(0, sample), q: block.flowVph.slice(0, sample) }).length;
  // 1.2: the sample may be quieter (shorter numbers) than the rest of the city.
  const perRow = (1.2 * sampled) / sample;
  const rowsPerPart = Math.max(1, Math.floor((maxBytes - 512) / perRow));
  if (rowsPerPart >= rows) return [block];
  const parts: HistoryBackfill[] = [];
  for (let r = 0; r < rows; r += rowsPerPart)
    parts.push({
      ...block,
      segmentIds: block.segmentIds.slice(r, r + rowsPerPart),
      speedKmh: block.speedKmh.slice(r, r + rowsPerPart),
      flowVph: block.flowVph.slice(r, r + rowsPerPart),
    });
  return parts;
}

/** Run without recording (to warm the network up before what is kept). */
export function runUntil(sim: { time: number; step: () => void }, until: number): void {
  while (sim.time < until) sim.step();
}
