/**
 * Store and model services: ingest of a live step, backfill rate, and the latency of the
 * endpoints the gateway and the segment panel call, on PGlite (in memory and on disk).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createModelsServer } from '../server/models/app';
import { openPglite } from '../server/store/pglite';
import { Store, type Observation } from '../server/store/store';
import { generateCity } from '../server/twin/city';
import { planBackfill, runUntil, simulateBlock } from '../server/twin/history';
import { roadSegmentEntities } from '../server/twin/ngsi';
import { TrafficSim } from '../server/twin/sim';
import { printFigures, summarise, type Figure } from './report';

const END = Date.parse('2026-11-23T00:00:00Z');

async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<ReturnType<typeof summarise>> {
  const samples: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return summarise(samples);
}

async function benchOn(kind: 'memory' | 'disk', days: number): Promise<Figure[]> {
  const dir = kind === 'disk' ? mkdtempSync(join(tmpdir(), 'polis-bench-store-')) : undefined;
  const store = await Store.open(await openPglite(dir));
  const figures: Figure[] = [];
  const where = `PGlite ${kind === 'disk' ? 'on disk' : 'in memory'}`;
  try {
    const city = generateCity({ seed: 42, size: 2000 });
    const models = await createModelsServer({ store, log: () => undefined });
    await new Promise<void>((resolve) => models.server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(models.server.address() as AddressInfo).port}`;
    const post = (path: string, body: unknown) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => {
        if (!r.ok) throw new Error(`${path} answered ${r.status}`);
      });
    await post('/ngsi-ld/v1/entityOperations/upsert', roadSegmentEntities(city));

    const sim = new TrafficSim(city, { seed: 42, start: END - 2 * 3600_000 });
    runUntil(sim, END);
    let rows = 0;
    let storeMs = 0;
    for (const span of planBackfill({ end: END, days, heldFrom: null, heldUntil: null })) {
      const block = await simulateBlock(city, 42, span);
      const t = performance.now();
      await post('/v1/ingest/traffic/history', block);
      storeMs += performance.now() - t;
      rows += block.segmentIds.length * block.speedKmh[0].length;
    }
    figures.push({ name: `history backfill over HTTP, ${days} days × ${city.segments.length} segments, ${where}`, value: rows / (storeMs / 1000), unit: 'rows/s', note: `${rows} rows in ${(storeMs / 1000).toFixed(1)} s` });

    // Live steps: one observation per segment, as the twin sends every 10 s.
    const step = (): Observation[] => {
      sim.step();
      const at = new Date(sim.time).toISOString();
      return city.segments.map((s, i) => ({ segmentId: s.id, observedAt: at, speedKmh: sim.speedKmh[i], flowVph: sim.flowVph[i], occupancy: sim.occupancy[i], source: 'bench' }));
    };
    const ingest = await timeIt(30, async () => {
      const obs = step();
      await store.insertObservations(obs);
      models.state.apply(obs);
    });
    figures.push({ name: `store a live step of ${city.segments.length} observations, ${where}, median`, value: ingest.median, unit: 'ms', note: `p95 ${ingest.p95.toFixed(1)} ms` });

    const state = await timeIt(200, () => fetch(`${url}/v1/state/traffic`).then((r) => r.text()));
    figures.push({ name: `GET /v1/state/traffic (${city.segments.length} segments), ${where}, median`, value: state.median, unit: 'ms', note: `p95 ${state.p95.toFixed(2)} ms, loopback HTTP included` });
    const ids = city.segments.map((s) => s.id);
    let k = 0;
    const history = await timeIt(50, () => fetch(`${url}/v1/segments/${ids[(k += 37) % ids.length]}/history?minutes=120`).then((r) => r.json()));
    figures.push({ name: `GET /v1/segments/{id}/history (2 h), ${where}, median`, value: history.median, unit: 'ms', note: `p95 ${history.p95.toFixed(1)} ms` });
    const forecast = await timeIt(50, () => fetch(`${url}/v1/forecasts/traffic/${ids[(k += 37) % ids.length]}?minutes=60`).then((r) => r.json()));
    figures.push({ name: `GET /v1/forecasts/traffic/{id} (1 h, ${days}-day profile), ${where}, median`, value: forecast.median, unit: 'ms', note: `p95 ${forecast.p95.toFixed(1)} ms` });
    const rollup = await timeIt(1, () => models.rollup());
    figures.push({ name: `rollup of raw observations into 5-minute buckets, ${where}`, value: rollup.median, unit: 'ms' });
    await models.close();
  } finally {
    await store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

export async function benchStore(): Promise<Figure[]> {
  return [...(await benchOn('memory', 1)), ...(await benchOn('disk', 7))];
}

if (import.meta.url === `file://${process.argv[1]}`) benchStore().then((f) => printFigures('Store and model services', f));
