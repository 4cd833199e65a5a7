/**
 * Ingest rate: TrafficFlowObserved observations per second into real model services (PGlite on
 * disk, as `npm start` runs), end to end — from the sender serialising a batch until the batch is
 * visible in GET /v1/state/traffic — over the HTTP upsert and over MQTT through Mosquitto
 * (MQTT_URL, default mqtt://127.0.0.1:1883; skipped with a note when no broker answers).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shortId, type TrafficFlowObservedEntity } from '../lib/protocol/ngsi';
import { createModelsServer, type ModelsServer } from '../server/models/app';
import { freshTopicRoot, mqttReachable } from '../server/models/test-mqtt';
import { openPglite } from '../server/store/pglite';
import { Store } from '../server/store/store';
import { generateCity, type City } from '../server/twin/city';
import { ModelsClient } from '../server/twin/client';
import { runUntil } from '../server/twin/history';
import { MqttPublisher } from '../server/twin/mqtt-publisher';
import { roadSegmentEntities, trafficFlowEntities } from '../server/twin/ngsi';
import { TrafficSim } from '../server/twin/sim';
import { printFigures, summarise, type Figure } from './report';

const MONDAY = Date.parse('2026-11-16T00:00:00Z');
const HOUR = 3600_000;
const MQTT_URL = process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883';

/** Live steps of the twin as NGSI-LD batches, built before any timing starts. */
function batchesOf(city: City, count: number): TrafficFlowObservedEntity[][] {
  const sim = new TrafficSim(city, { seed: 42, start: MONDAY + 6 * HOUR });
  runUntil(sim, MONDAY + 8 * HOUR);
  return Array.from({ length: count }, () => {
    sim.step();
    return trafficFlowEntities(city, sim);
  });
}

interface Rig {
  url: string;
  models: ModelsServer;
  /** Resolves once GET /v1/state/traffic shows segment `id` as observed at `iso`. */
  visible: (id: string, iso: string) => Promise<void>;
  stop: () => Promise<void>;
}

async function rig(city: City, mqttTopicRoot?: string): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'polis-bench-ingest-'));
  const store = await Store.open(await openPglite(dir));
  const models = await createModelsServer({ store, log: () => undefined, ...(mqttTopicRoot ? { mqttUrl: MQTT_URL, mqttTopicRoot } : {}) });
  await new Promise<void>((resolve) => models.server.listen(0, '127.0.0.1', resolve));
  await models.mqtt?.ready;
  const url = `http://127.0.0.1:${(models.server.address() as AddressInfo).port}`;
  const res = await post(url, roadSegmentEntities(city));
  if (!res.ok) throw new Error(`registration answered ${res.status}`);
  const visible = async (id: string, iso: string) => {
    const reading = new RegExp(`"${id}":\\{[^}]*"observedAt":"([^"]+)"`);
    for (;;) {
      // A regex on the text, not JSON.parse of megabytes per poll, keeps the poller light.
      const body = await (await fetch(`${url}/v1/state/traffic`)).text();
      if (reading.exec(body)?.[1] === iso) return;
      await new Promise((r) => setTimeout(r, 2));
    }
  };
  return {
    url,
    models,
    visible,
    stop: async () => {
      await models.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const post = (url: string, body: unknown) =>
  fetch(`${url}/ngsi-ld/v1/entityOperations/upsert`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** A batch is visible when its last observation is (batches over 5,000 go in several parts, in order). */
const lastOf = (batch: TrafficFlowObservedEntity[]): [string, string] => {
  const e = batch[batch.length - 1];
  return [shortId(e.refRoadSegment), new Date(e.dateObserved).toISOString()];
};

/** One batch at a time, as the twin sends: each sent, then waited for until visible. */
async function oneByOne(batches: TrafficFlowObservedEntity[][], send: (b: TrafficFlowObservedEntity[]) => Promise<void>, r: Rig) {
  const latencies: number[] = [];
  const t0 = performance.now();
  for (const b of batches) {
    const t = performance.now();
    await send(b);
    await r.visible(...lastOf(b));
    latencies.push(performance.now() - t);
  }
  return { seconds: (performance.now() - t0) / 1000, latency: summarise(latencies) };
}

/** Every batch sent at once (a backlog after an outage): time until the last is visible. */
async function burst(batches: TrafficFlowObservedEntity[][], send: (b: TrafficFlowObservedEntity[]) => Promise<void>, r: Rig) {
  const t0 = performance.now();
  await Promise.all(batches.map(send));
  await r.visible(...lastOf(batches[batches.length - 1]));
  return (performance.now() - t0) / 1000;
}

async function benchSize(size: number, count: number, brokerUp: boolean): Promise<Figure[]> {
  const city = generateCity({ seed: 42, size });
  const n = city.segments.length;
  const label = `batches of ${n} (TWIN_SIZE ${size})`;
  const figures: Figure[] = [];
  const rate = (batches: number, seconds: number) => (batches * n) / seconds;

  // Warm-up batches first (JIT, PGlite caches), then the measured ones; fresh times for each run.
  const all = batchesOf(city, 4 * count + 4);
  const [httpWarm, httpSeq, httpBurst, mqttWarm, mqttSeq, mqttBurst] = [
    all.slice(0, 2),
    all.slice(2, 2 + count),
    all.slice(2 + count, 2 + 2 * count),
    all.slice(2 + 2 * count, 4 + 2 * count),
    all.slice(4 + 2 * count, 4 + 3 * count),
    all.slice(4 + 3 * count, 4 + 4 * count),
  ];

  const http = await rig(city);
  try {
    // The twin's own client: JSON bodies of at most 5,000 entities, sent in turn.
    const client = new ModelsClient(http.url);
    const send = (b: TrafficFlowObservedEntity[]) => client.upsert(b);
    await oneByOne(httpWarm, send, http);
    const seq = await oneByOne(httpSeq, send, http);
    figures.push({ name: `HTTP upsert, one batch at a time, ${label}`, value: rate(count, seq.seconds), unit: 'obs/s', note: `batch visible in median ${seq.latency.median.toFixed(0)} ms, p95 ${seq.latency.p95.toFixed(0)} ms` });
    const secs = await burst(httpBurst, send, http);
    figures.push({ name: `HTTP upsert, ${count} batches sent at once, ${label}`, value: rate(count, secs), unit: 'obs/s', note: `last visible after ${secs.toFixed(2)} s` });
  } finally {
    await http.stop();
  }

  if (!brokerUp) return figures;
  const root = freshTopicRoot();
  const viaMqtt = await rig(city, root);
  const publisher = await MqttPublisher.connect(MQTT_URL, { topicRoot: root });
  try {
    const send = (b: TrafficFlowObservedEntity[]) => publisher.publish(b);
    await oneByOne(mqttWarm, send, viaMqtt);
    const seq = await oneByOne(mqttSeq, send, viaMqtt);
    figures.push({ name: `MQTT QoS 1 via Mosquitto, one batch at a time, ${label}`, value: rate(count, seq.seconds), unit: 'obs/s', note: `batch visible in median ${seq.latency.median.toFixed(0)} ms, p95 ${seq.latency.p95.toFixed(0)} ms` });
    const secs = await burst(mqttBurst, send, viaMqtt);
    figures.push({ name: `MQTT QoS 1 via Mosquitto, ${count} batches published at once, ${label}`, value: rate(count, secs), unit: 'obs/s', note: `last visible after ${secs.toFixed(2)} s` });
    const status = viaMqtt.models.mqtt?.status();
    if (status?.rejected) throw new Error(`MQTT ingest rejected ${status.rejected} message(s): ${status.lastError}`);
  } finally {
    await publisher.close();
    await viaMqtt.stop();
  }
  return figures;
}

export async function benchIngest(): Promise<Figure[]> {
  const problem = await mqttReachable(MQTT_URL);
  if (problem) console.log(`(MQTT figures skipped: no broker at ${MQTT_URL}: ${problem})`);
  return [...(await benchSize(2000, 30, !problem)), ...(await benchSize(20_000, 8, !problem))];
}

if (import.meta.url === `file://${process.argv[1]}`) benchIngest().then((f) => printFigures('Ingest (HTTP and MQTT)', f));
