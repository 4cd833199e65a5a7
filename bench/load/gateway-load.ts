/**
 * Load benchmark of the realtime gateway: N subscribed Socket.IO clients in a separate process
 * (bench/load/clients.ts) on loopback, receiving a traffic delta every second from the real
 * gateway; then the same deltas fanned out to N bare `ws` clients (the floor) in the same run;
 * heap per idle client; memory over a soak at load. Bounded: it stops by itself.
 *
 * The twin (2,000 segments) steps once per poll of the stub model services, so every 1-s poll is
 * a new 10-s reading and a delta. Latency is from the gateway having the poll result (gateway's
 * onPollResult clock) to each client having validated and applied the delta (same machine clock).
 *
 *   node --import tsx bench/load/gateway-load.ts   (LOAD_CLIENTS, LOAD_SECONDS, LOAD_SOAK_S, LOAD_PROCESSES)
 */
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { WebSocketServer } from 'ws';
import { SESSION_COOKIE, type SessionUser } from '@/lib/protocol/auth';
import type { LayerDelta } from '@/lib/protocol/socket';
import { createGateway } from '../../server/realtime/gateway';
import { trend } from '../soak/analysis';
import { silentLog } from '../../server/realtime/log';
import { generateCity } from '../../server/twin/city';
import { runUntil } from '../../server/twin/history';
import { TrafficSim } from '../../server/twin/sim';
import { trafficStateOf } from '../gateway';
import { printFigures, quantile, type Figure } from '../report';
import { startClientPool } from './client-process';
import { arrivalKey, nowMs, type ClientKind } from './protocol';

const MONDAY = Date.parse('2026-11-16T00:00:00Z');
const TOKEN = 'load-benchmark-session';
const USER: SessionUser = { id: 'load', email: 'load@example.org', role: 'operator' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => bytes / 2 ** 20;

/** A full collection (the benchmark's own process only), so heap figures are live objects. */
const gc: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();
const settledHeap = async () => {
  for (let i = 0; i < 3; i++) {
    gc();
    await sleep(200);
  }
  return process.memoryUsage();
};

interface Options {
  clients: number;
  seconds: number;
  soakSeconds: number;
  /** Client processes the clients are spread over (the gateway and the floor alike). */
  processes: number;
}
const envOptions = (): Options => ({
  clients: Number(process.env.LOAD_CLIENTS ?? 2000),
  seconds: Number(process.env.LOAD_SECONDS ?? 30),
  soakSeconds: Number(process.env.LOAD_SOAK_S ?? 600),
  processes: Number(process.env.LOAD_PROCESSES ?? 2),
});

/** Stub model services on loopback: the twin's traffic, one step per poll while `stepping`. */
async function startStubModels() {
  const city = generateCity({ seed: 42, size: 2000 });
  const sim = new TrafficSim(city, { seed: 42, start: MONDAY + 6 * 3600_000 });
  runUntil(sim, MONDAY + 7 * 3600_000);
  const ctl = { stepping: false };
  const server: Server = createServer((req, res) => {
    const layer = /^\/v1\/state\/(\w+)$/.exec(req.url ?? '')?.[1];
    if (!layer) return void res.writeHead(404).end();
    if (layer === 'traffic' && ctl.stepping) sim.step();
    const body = layer === 'traffic' ? trafficStateOf(city, sim) : { source: null, asOf: null, items: {} };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, ctl, segments: city.segments.length, close: () => server.close() };
}

interface Latency {
  p50: number;
  p99: number;
  max: number;
  deliveries: number;
  expected: number;
  updates: number;
  meanFrameBytes: number;
}

export async function benchGatewayLoad(opts: Options = envOptions()): Promise<Figure[]> {
  const models = await startStubModels();
  // When each delta version arrived on the gateway, and its frame size; the phase decides who fans out.
  const arrivedAt = new Map<number, number>();
  const frameBytes = new Map<number, number>();
  // The Socket.IO phase's deltas, replayed byte for byte at the same pace to the ws floor.
  const recorded: Array<{ version: number; payload: string; gapMs: number }> = [];
  let lastArrival = 0;
  let phase: ClientKind = 'socket.io';
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await once(wss, 'listening');
  const wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;

  const http = createServer();
  const gateway = createGateway(http, {
    modelsUrl: models.url,
    pollIntervalMs: 1000,
    staleAfterMs: 10_000,
    authenticate: async (token) => (token === TOKEN ? USER : null),
    maxBufferedBytes: 1024 * 1024,
    log: silentLog,
    onPollResult: (layer, delta: LayerDelta | null, at) => {
      if (layer !== 'traffic' || !delta) return;
      if (phase !== 'socket.io') return;
      arrivedAt.set(delta.version, at);
      const payload = JSON.stringify(['delta', delta]);
      frameBytes.set(delta.version, Buffer.byteLength(payload) + '42/ops,'.length);
      if (recording) recorded.push({ version: delta.version, payload, gapMs: lastArrival ? at - lastArrival : 0 });
      lastArrival = at;
    },
  });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const pool = startClientPool(opts.processes);
  const { ask } = pool;
  const cookie = `${SESSION_COOKIE}=${TOKEN}`;
  let recording = false;
  const figures: Figure[] = [];
  const n = opts.clients;

  /** The floor: the recorded deltas to every bare ws client, the clock started right before each send loop. */
  const replay = async () => {
    for (const r of recorded) {
      await sleep(r.gapMs);
      arrivedAt.set(r.version, nowMs());
      for (const c of wss.clients) c.send(r.payload);
    }
  };
  const measure = async (seconds: number, kind: ClientKind = 'socket.io'): Promise<Latency> => {
    await ask({ cmd: 'collect' }, 'samples'); // drop what arrived before
    const from = nowMs();
    if (kind === 'ws') await replay();
    else {
      models.ctl.stepping = true;
      await sleep(seconds * 1000);
      models.ctl.stepping = false;
    }
    await sleep(1500); // let the last delta land
    const s = await ask({ cmd: 'collect' }, 'samples');
    const lat: number[] = [];
    let updates = 0;
    let bytes = 0;
    for (const [v, t0] of arrivedAt) {
      const times = s.arrivals[arrivalKey('traffic', v)];
      if (!times || t0 < from) continue;
      updates++;
      bytes += frameBytes.get(v) ?? 0;
      for (const t of times) lat.push(t - t0);
    }
    lat.sort((a, b) => a - b);
    if (s.gaps || s.invalid) console.warn(`[load] ${s.gaps} gaps, ${s.invalid} invalid, ${s.snapshots} catch-up snapshots`);
    return { p50: quantile(lat, 0.5), p99: quantile(lat, 0.99), max: lat.at(-1) ?? NaN, deliveries: lat.length, expected: updates * n, updates, meanFrameBytes: bytes / Math.max(1, updates) };
  };
  const latencyFigures = (label: string, l: Latency): Figure[] => [
    { name: `${label}: latency p50`, value: l.p50, unit: 'ms', note: `${l.updates} deltas × ${n} clients in ${pool.processes} processes, ${l.deliveries} of ${l.expected} delivered, load average ${loadavg()[0].toFixed(1)}` },
    { name: `${label}: latency p99`, value: l.p99, unit: 'ms', note: `max ${l.max.toFixed(1)} ms` },
    { name: `${label}: bytes per client per update`, value: Math.round(l.meanFrameBytes), unit: 'bytes (mean frame)' },
  ];

  try {
    // Warm-up: the gateway takes the first (whole) state before anyone subscribes.
    await sleep(2500);
    const idle0 = await settledHeap();
    const c1 = await ask({ cmd: 'connect', kind: 'socket.io', url, n, cookie }, 'connected');
    console.log(`[load] ${c1.n} Socket.IO clients subscribed in ${c1.ms} ms (${c1.failed} failed)`);
    await sleep(2000);
    const idle1 = await settledHeap();
    figures.push({ name: `gateway heap per idle subscribed client (${c1.n} clients)`, value: Math.round((idle1.heapUsed - idle0.heapUsed) / c1.n), unit: 'bytes', note: `heap ${mb(idle0.heapUsed).toFixed(0)} → ${mb(idle1.heapUsed).toFixed(0)} MB, rss ${mb(idle1.rss).toFixed(0)} MB` });

    phase = 'socket.io';
    recording = true;
    const sio = await measure(opts.seconds);
    recording = false;
    figures.push(...latencyFigures(`Socket.IO gateway, ${n} clients, 1 delta/s`, sio));

    await ask({ cmd: 'disconnect' }, 'disconnected');
    const c2 = await ask({ cmd: 'connect', kind: 'ws', url: wsUrl, n }, 'connected');
    console.log(`[load] ${c2.n} ws clients connected in ${c2.ms} ms (${c2.failed} failed)`);
    phase = 'ws';
    const floor = await measure(opts.seconds, 'ws');
    figures.push(...latencyFigures(`bare ws broadcast (floor), ${n} clients, the same deltas replayed`, floor));
    figures.push({ name: 'gateway / floor, p50', value: sio.p50 / floor.p50, unit: '×' }, { name: 'gateway / floor, p99', value: sio.p99 / floor.p99, unit: '×' });
    await ask({ cmd: 'disconnect' }, 'disconnected');

    if (opts.soakSeconds > 0) {
      phase = 'socket.io';
      await ask({ cmd: 'connect', kind: 'socket.io', url, n, cookie }, 'connected');
      const samples: Array<{ t: number; heap: number; rss: number }> = [];
      const p99s: number[] = [];
      const t0 = Date.now();
      // In 30-s slices: each reports its latency, and the gateway's live heap after a full GC.
      while (Date.now() - t0 < opts.soakSeconds * 1000) {
        const l = await measure(30);
        p99s.push(l.p99);
        const m = await settledHeap();
        samples.push({ t: (Date.now() - t0) / 60_000, heap: mb(m.heapUsed), rss: mb(m.rss) });
      }
      const fit = trend(samples.map((s) => [s.t, s.heap] as const)).slope;
      const half = Math.floor(samples.length / 2);
      const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
      figures.push(
        { name: `soak ${Math.round(opts.soakSeconds / 60)} min at load: gateway heap after GC, first half / second half mean`, value: avg(samples.slice(0, half).map((s) => s.heap)), unit: 'MB', note: `second half ${avg(samples.slice(half).map((s) => s.heap)).toFixed(1)} MB; samples ${samples.map((s) => s.heap.toFixed(0)).join(' ')}` },
        { name: 'soak: heap trend (least squares)', value: fit, unit: 'MB/min' },
        { name: 'soak: gateway rss, first / last sample', value: samples[0]?.rss ?? NaN, unit: 'MB', note: `last ${samples.at(-1)?.rss.toFixed(0)} MB` },
        { name: 'soak: latency p99 per 30-s slice, worst', value: Math.max(...p99s), unit: 'ms', note: p99s.map((p) => p.toFixed(0)).join(' ') },
      );
    }
  } finally {
    pool.exit();
    await gateway.close();
    wss.close();
    models.close();
  }
  return figures;
}


if (import.meta.url === `file://${process.argv[1]}`)
  benchGatewayLoad().then(
    (f) => {
      printFigures('Gateway under load', f);
      process.exit(0);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
