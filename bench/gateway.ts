/**
 * Gateway: bytes of the deltas of a normal hour against the full snapshot, with the real twin's
 * readings going through the gateway's LayerState (dead-band and observedAt left out, see
 * lib/protocol/delta.ts), and the time to diff them.
 */
import type { TrafficState } from '@/lib/protocol/models-api';
import { LayerState } from '../server/realtime/layer-state';
import { generateCity, type City } from '../server/twin/city';
import { runUntil } from '../server/twin/history';
import { STEP_S, TrafficSim } from '../server/twin/sim';
import { printFigures, summarise, type Figure } from './report';

const MONDAY = Date.parse('2026-11-16T00:00:00Z');

/** What the model services would answer after the twin's last step (ingest rounds flow the same way). */
export function trafficStateOf(city: City, sim: TrafficSim): TrafficState {
  const observedAt = new Date(sim.time).toISOString();
  const items: TrafficState['items'] = {};
  city.segments.forEach((s, i) => {
    const intensity = Math.round(((sim.flowVph[i] * STEP_S) / 3600) * 100) / 100;
    items[s.id] = { speedKmh: sim.speedKmh[i], flowVph: Math.round(((intensity * 3600) / STEP_S) * 10) / 10, occupancy: sim.occupancy[i], observedAt };
  });
  return { source: 'city-twin', asOf: observedAt, items };
}

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));
/** What one client receives for one delta: the Socket.IO text frame on /ops. */
const frameBytes = (delta: unknown) => Buffer.byteLength(`42/ops,${JSON.stringify(['delta', delta])}`);

function measure(size: number, steps: number): Figure[] {
  const city = generateCity({ seed: 42, size });
  const sim = new TrafficSim(city, { seed: 42, start: MONDAY + 6 * 3600_000 });
  runUntil(sim, MONDAY + 7 * 3600_000);
  const layer = new LayerState('traffic');
  const exact = new LayerState('traffic', { deadBand: null });
  layer.update(trafficStateOf(city, sim));
  exact.update(trafficStateOf(city, sim));
  const snapshotBytes = bytes(layer.snapshot);
  const snapshotFrame = Buffer.byteLength(`42/ops,${JSON.stringify([{ ok: true, snapshot: layer.snapshot }])}`);

  // A poll between twin steps (the default: polls every 2 s, the twin reports every 10 s).
  const same = layer.update(trafficStateOf(city, sim));
  // A poll after each twin step, 07:00–08:00 of a Monday (the morning rush builds up).
  const frames: number[] = [];
  const exactFrames: number[] = [];
  const upserts: number[] = [];
  const diffMs: number[] = [];
  for (let k = 0; k < steps; k++) {
    sim.step();
    const state = trafficStateOf(city, sim);
    const t = performance.now();
    const d = layer.update(state);
    diffMs.push(performance.now() - t);
    frames.push(d ? frameBytes(d) : 0);
    upserts.push(d ? Object.keys(d.upsert).length : 0);
    const e = exact.update(state);
    exactFrames.push(e ? frameBytes(e) : 0);
  }
  const label = `${city.segments.length} segments`;
  const f = summarise(frames);
  const e = summarise(exactFrames);
  const u = summarise(upserts);
  const dt = summarise(diffMs);
  const share = (n: number) => `${(snapshotFrame / Math.max(1, n)).toFixed(0)}× smaller than the snapshot frame`;
  return [
    { name: `full snapshot, ${label}`, value: snapshotBytes, unit: 'bytes (JSON)', note: `${snapshotFrame} bytes as the subscribe ack frame` },
    { name: `delta per client per twin step, ${label}, median of ${steps} steps (07:00–08:00)`, value: f.median, unit: 'bytes (Socket.IO frame)', note: share(f.median) },
    { name: `delta per client per twin step, ${label}, p95`, value: f.p95, unit: 'bytes', note: share(f.p95) },
    { name: `delta per client per twin step, ${label}, max`, value: f.max, unit: 'bytes', note: share(f.max) },
    { name: `segments in a delta, ${label}, median / p95`, value: u.median, unit: 'segments', note: `p95 ${u.p95}` },
    { name: `delta without the dead-band (observedAt still left out), ${label}, median`, value: e.median, unit: 'bytes', note: share(e.median) },
    { name: `delta for a poll with nothing new, ${label}`, value: same ? bytes(same) : 0, unit: 'bytes', note: 'no message is sent' },
    { name: `diff + next snapshot on the gateway, ${label}, median`, value: dt.median, unit: 'ms' },
  ];
}

export async function benchGateway(): Promise<Figure[]> {
  return [...measure(2000, 360), ...measure(20_000, 60)];
}

if (import.meta.url === `file://${process.argv[1]}`) benchGateway().then((f) => printFigures('Gateway deltas', f));
