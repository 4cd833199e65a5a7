/**
 * Gateway: bytes of a typical delta against the full snapshot, with the real twin's readings
 * going through the gateway's LayerState, and the time to diff them.
 */
import type { TrafficState } from '@/lib/protocol/models-api';
import { LayerState } from '../server/realtime/layer-state';
import { generateCity, type City } from '../server/twin/city';
import { runUntil } from '../server/twin/history';
import { STEP_S, TrafficSim } from '../server/twin/sim';
import { printFigures, summarise, type Figure } from './report';

const MONDAY = Date.parse('2026-11-16T00:00:00Z');

/** What the model services would answer after the twin's last step (ingest rounds flow the same way). */
function stateOf(city: City, sim: TrafficSim): TrafficState {
  const observedAt = new Date(sim.time).toISOString();
  const items: TrafficState['items'] = {};
  city.segments.forEach((s, i) => {
    const intensity = Math.round(((sim.flowVph[i] * STEP_S) / 3600) * 100) / 100;
    items[s.id] = { speedKmh: sim.speedKmh[i], flowVph: Math.round(((intensity * 3600) / STEP_S) * 10) / 10, occupancy: sim.occupancy[i], observedAt };
  });
  return { source: 'city-twin', asOf: observedAt, items };
}

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

function measure(size: number): Figure[] {
  const city = generateCity({ seed: 42, size });
  const sim = new TrafficSim(city, { seed: 42, start: MONDAY + 7 * 3600_000 });
  runUntil(sim, MONDAY + 8 * 3600_000);
  const layer = new LayerState('traffic');
  layer.update(stateOf(city, sim));
  const snapshotBytes = bytes(layer.snapshot);

  // A poll between twin steps (the default: polls every 2 s, the twin reports every 10 s).
  const same = layer.update(stateOf(city, sim));
  // A poll after a twin step: every detector reports a new 10-second reading.
  const deltaBytes: number[] = [];
  const diffMs: number[] = [];
  for (let k = 0; k < 30; k++) {
    sim.step();
    const state = stateOf(city, sim);
    const t = performance.now();
    const d = layer.update(state);
    diffMs.push(performance.now() - t);
    deltaBytes.push(d ? bytes(d) : 0);
  }
  // A field where only a tenth of the detectors report in a poll interval.
  const partial = stateOf(city, sim);
  sim.step();
  const fresh = stateOf(city, sim);
  city.segments.forEach((s, i) => {
    if (i % 10 === 0) partial.items[s.id] = fresh.items[s.id];
  });
  partial.asOf = fresh.asOf;
  const tenth = layer.update(partial);
  const label = `${city.segments.length} segments`;
  const db = summarise(deltaBytes);
  const dt = summarise(diffMs);
  return [
    { name: `full snapshot, ${label}`, value: snapshotBytes, unit: 'bytes (JSON)' },
    { name: `delta after a twin step (all segments report), ${label}, median`, value: db.median, unit: 'bytes', note: `${((100 * db.median) / snapshotBytes).toFixed(0)} % of the snapshot` },
    { name: `delta when a tenth of the segments report, ${label}`, value: tenth ? bytes(tenth) : 0, unit: 'bytes', note: `${((100 * (tenth ? bytes(tenth) : 0)) / snapshotBytes).toFixed(0)} % of the snapshot` },
    { name: `delta for a poll with nothing new, ${label}`, value: same ? bytes(same) : 0, unit: 'bytes', note: 'no message is sent' },
    { name: `diff + next snapshot on the gateway, ${label}, median`, value: dt.median, unit: 'ms' },
  ];
}

export async function benchGateway(): Promise<Figure[]> {
  return [...measure(2000), ...measure(20_000)];
}

if (import.meta.url === `file://${process.argv[1]}`) benchGateway().then((f) => printFigures('Gateway deltas', f));
