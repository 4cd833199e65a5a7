/**
 * Soak (issue 7): a whole Polis — model services, twin at 10× and web + gateway, as the e2e tests
 * start it, on a temporary DATA_DIR — with 500 subscribed Socket.IO clients in a separate process
 * (bench/load/clients.ts) for SOAK_MINUTES (default 30). The clients come once the first start's
 * work is over (the twin's week of backfill, then SOAK_SETTLE_S for the first automatic training);
 * errors logged meanwhile count too. Every minute: RSS and V8 heap of each
 * server process, delivery latency p50/p95/p99 (the gateway having a poll result → a client
 * having validated and applied the delta), messages received, disconnects and errors. At the end,
 * the least-squares trend of RSS and heap over the second half, and a verdict: it exits non-zero
 * on any error or a clear growth trend (thresholds in ./soak/analysis.ts).
 *
 *   npm run bench -- soak        (SOAK_MINUTES, SOAK_CLIENTS, SOAK_PUBLIC, SOAK_SESSIONS)
 *
 * Not in the default `npm run bench` set: it takes SOAK_MINUTES plus a few minutes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { layerNames, namespaces, type LayerName } from '@/lib/protocol/socket';
import { signedInCookie, signedInState, startSystem } from '../e2e/system';
import { startClients } from './load/client-process';
import { arrivalKey, type ClientTrouble } from './load/protocol';
import { printFigures, quantile, type Figure } from './report';
import { classifyLogLine, GROWTH_LIMIT_MB_PER_MIN, judgeGrowth, secondHalf, trend, type GrowthVerdict, type Trend } from './soak/analysis';
import { inspectNodeOptions, inspectorUrlIn, rssMb, scrapeMetrics, settledMemory, tail, type Settled } from './soak/watch';

const optionsSchema = z.object({
  SOAK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SOAK_CLIENTS: z.coerce.number().int().min(1).max(5000).default(500),
  /** Of the clients, how many are public transit views (/public, transit); the rest are control rooms. */
  SOAK_PUBLIC: z.coerce.number().int().min(0).default(100),
  /** Signed-in operators the control rooms are shared between (each session has several screens). */
  SOAK_SESSIONS: z.coerce.number().int().min(1).max(200).default(20),
  /** After the twin's backfill, time for the first automatic training of the forecasts before the clients come. */
  SOAK_SETTLE_S: z.coerce.number().int().min(0).max(3600).default(120),
  /** Longest wait for the backfill; past it the soak starts anyway and says so. */
  SOAK_BACKFILL_MAX_S: z.coerce.number().int().min(0).max(7200).default(900),
});
type Options = z.infer<typeof optionsSchema>;

const SYSTEM = 'bench-soak';
const PROCESSES = ['web', 'models', 'twin'] as const;
type Proc = (typeof PROCESSES)[number];
const METRICS_TOKEN = 'soak-metrics-token-0123456789abcdef';
const TICK_MS = 5000;

const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));

interface ProcMinute {
  /** Mean of the minute's RSS readings, MB. */
  rssMb: number;
  /** V8 heap used after a full collection at the end of the minute, MB. */
  heapMb: number | null;
  /** CPU over the minute, % of one core. */
  cpuPct: number | null;
}

interface Row {
  minute: number;
  load1: number;
  procs: Record<Proc, ProcMinute>;
  clientsRssMb: number;
  /** CPU of the client process over the minute, % of one core: near 100, its queue is in the latency. */
  clientsCpuPct: number;
  /** Mean time the gateway took to poll one layer from the model services, ms. */
  pollMs: number;
  latency: { p50: number; p95: number; p99: number; max: number };
  delivered: number;
  expected: number;
  /** Deltas the gateway made this minute, per layer. */
  deltas: Partial<Record<LayerName, number>>;
  /** Every event the clients received (deltas, snapshots, freshness, alerts, actions). */
  received: number;
  trouble: ClientTrouble;
  invalid: number;
  gaps: number;
  serverErrors: string[];
  serverWarnings: number;
  pollErrors: number;
  resyncs: number;
}

export async function benchSoak(opts: Options = optionsSchema.parse(process.env)): Promise<Figure[]> {
  const publicClients = Math.min(opts.SOAK_PUBLIC, opts.SOAK_CLIENTS);
  const opsClients = opts.SOAK_CLIENTS - publicClients;
  // The page is served by the production build, as `npm start` serves it.
  if (spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' }).status !== 0) throw new Error('the web app failed to build');
  const logDir = join('test-results', 'system-logs', SYSTEM);
  rmSync(logDir, { recursive: true, force: true });
  const loadAtStart = loadavg();
  console.log(`[soak] starting a whole Polis (twin at 10×), load average ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}`);
  // `npm start`'s defaults but for the twin's speed and hour (07:00, so the 5 twin hours of a
  // 30-minute soak take in the morning rush), debug logs (the gateway's `layer updated` is the
  // latency clock) and the inspector, through which each process's heap is read after a full GC.
  const system = await startSystem(SYSTEM, {
    TWIN_SPEED: '10',
    TWIN_START: '07:00',
    TWIN_BACKFILL_DAYS: '7',
    MODELS_AUTO_TRAIN: 'fast',
    REALTIME_POLL_MS: '2000',
    STALE_AFTER_MS: '30000',
    LOG_LEVEL: 'debug',
    METRICS_TOKEN,
    NODE_OPTIONS: inspectNodeOptions(),
  });
  const url = system.url.replace(/\/$/, '');
  const pids = system.pids() as Record<Proc, number>;
  const logs = Object.fromEntries(PROCESSES.map((p) => [p, tail(join(logDir, `${p}.log`))])) as Record<Proc, () => string[]>;
  const inspectors = Object.fromEntries(PROCESSES.map((p) => [p, inspectorUrlIn(readFileSync(join(logDir, `${p}.log`), 'utf8'))])) as Record<Proc, string | null>;
  for (const p of PROCESSES) if (!inspectors[p]) console.log(`[soak] no inspector address in ${p}.log: its heap is not measured`);
  const { child, ask } = startClients();
  const rows: Row[] = [];
  /** Every delivery's latency over the soak, for its overall percentiles. */
  const allLatencies: number[] = [];
  let connectFailures = 0;
  let startupErrors: string[] = [];
  let died: string | null = null;
  let loadAtEnd = loadAtStart;
  try {
    // Start-up work is not the soak's: the first start's week of history, then the first training.
    const startup = { errors: [] as string[], warnings: 0, backfillDone: false };
    const drainStartup = () => {
      for (const p of PROCESSES)
        for (const line of logs[p]()) {
          const l = classifyLogLine(line);
          if (l.kind === 'error') startup.errors.push(`${p}: ${l.text.slice(0, 300)}`);
          else if (l.kind === 'warn') startup.warnings++;
          if (p === 'twin' && /backfill done|no backfill needed/.test(line)) startup.backfillDone = true;
        }
    };
    const tw = Date.now();
    while (!startup.backfillDone && Date.now() - tw < opts.SOAK_BACKFILL_MAX_S * 1000) {
      await sleepUntil(Date.now() + 2000);
      drainStartup();
    }
    console.log(`[soak] ${startup.backfillDone ? 'backfill done' : 'backfill NOT done'} after ${((Date.now() - tw) / 1000).toFixed(0)} s; settling ${opts.SOAK_SETTLE_S} s`);
    await sleepUntil(Date.now() + opts.SOAK_SETTLE_S * 1000);
    const cookies: string[] = [];
    for (let i = 0; i < Math.min(opts.SOAK_SESSIONS, Math.max(1, opsClients)); i++) {
      const c = await signedInCookie(system.url, { email: `soak-operator-${i}@polis.local`, password: 'soak operator password', role: 'operator' }, signedInState(SYSTEM));
      cookies.push(`${c.name}=${c.value}`);
    }
    const t = Date.now();
    // The control room as app/page.tsx opens it: /ops, every layer, the alerts and actions panels.
    for (const [i, cookie] of cookies.entries()) {
      const n = Math.floor(opsClients / cookies.length) + (i < opsClients % cookies.length ? 1 : 0);
      if (n === 0) continue;
      const r = await ask({ cmd: 'connect', kind: 'socket.io', url, n, cookie, namespace: namespaces.ops, layers: [...layerNames], lists: true, reconnect: true }, 'connected');
      connectFailures += r.failed;
    }
    // The public transit view (components/transit/TransitApp.tsx): /public, transit only.
    if (publicClients > 0) {
      const r = await ask({ cmd: 'connect', kind: 'socket.io', url, n: publicClients, namespace: namespaces.public, layers: ['transit'], reconnect: true }, 'connected');
      connectFailures += r.failed;
    }
    console.log(`[soak] ${opsClients} control rooms (${cookies.length} sessions) and ${publicClients} public views subscribed in ${Date.now() - t} ms (${connectFailures} failed)`);
    drainStartup();
    startupErrors = startup.errors;
    console.log(`[soak] start-up: ${startup.errors.length} error lines, ${startup.warnings} warnings`);
    for (const e of startup.errors.slice(0, 5)) console.log(`[soak]   ${e}`);
    let clientsCpu = { seconds: (await ask({ cmd: 'collect' }, 'samples')).cpuSeconds, at: Date.now() };
    let metricsBefore = await scrapeMetrics(url, METRICS_TOKEN);

    /** When each delta reached the gateway, by `layer:version`, from its log. */
    const gatewayAt = new Map<string, number>();
    /** Client arrivals whose gateway line was not read yet: matched a minute later, or dropped. */
    let carried: Record<string, number[]> = {};
    let lastCpu: Partial<Record<Proc, Settled>> = {};
    for (const p of PROCESSES) {
      const start = inspectors[p] ? await settledMemory(inspectors[p]) : null;
      if (start) lastCpu[p] = start;
    }
    const t0 = Date.now();
    for (let minute = 1; minute <= opts.SOAK_MINUTES && !died; minute++) {
      const rss: Record<Proc | 'clients', number[]> = { web: [], models: [], twin: [], clients: [] };
      for (let k = 0; k < 60_000 / TICK_MS; k++) {
        await sleepUntil(t0 + (minute - 1) * 60_000 + (k + 1) * TICK_MS);
        for (const p of PROCESSES) {
          const r = rssMb(pids[p]);
          if (r === null) died ??= `${p} exited`;
          else rss[p].push(r);
        }
        const c = child.pid ? rssMb(child.pid) : null;
        if (c !== null) rss.clients.push(c);
      }
      // One after another: three full collections at once would stall the two cores together.
      const settled = {} as Record<Proc, Settled | null>;
      for (const p of PROCESSES) settled[p] = inspectors[p] ? await settledMemory(inspectors[p]) : null;
      const samples = await ask({ cmd: 'collect' }, 'samples');
      const deltas: Partial<Record<LayerName, number>> = {};
      const serverErrors: string[] = [];
      let serverWarnings = 0;
      for (const p of PROCESSES)
        for (const line of logs[p]()) {
          const l = classifyLogLine(line);
          if (l.kind === 'update') {
            gatewayAt.set(arrivalKey(l.layer, l.version), l.arrivedAtMs);
            deltas[l.layer as LayerName] = (deltas[l.layer as LayerName] ?? 0) + 1;
          } else if (l.kind === 'error') serverErrors.push(`${p}: ${l.text.slice(0, 300)}`);
          else if (l.kind === 'warn') serverWarnings++;
        }
      const lat: number[] = [];
      const unmatched: Record<string, number[]> = {};
      for (const [key, times] of [...Object.entries(carried), ...Object.entries(samples.arrivals)]) {
        const at = gatewayAt.get(key);
        if (at === undefined) unmatched[key] = [...(unmatched[key] ?? []), ...times];
        else for (const t of times) lat.push(t - at);
      }
      // An arrival still unmatched after a second read of the log has no gateway time: dropped.
      carried = Object.fromEntries(Object.entries(unmatched).filter(([key]) => !(key in carried)));
      for (const [key, at] of gatewayAt) if (at < Date.now() - 3 * 60_000) gatewayAt.delete(key);
      lat.sort((a, b) => a - b);
      for (const l of lat) allLatencies.push(l);
      const expected = Object.entries(deltas).reduce((a, [layer, n]) => a + n * (opsClients + (layer === 'transit' ? publicClients : 0)), 0);
      const metrics = await scrapeMetrics(url, METRICS_TOKEN);
      const counter = (name: string) => (metrics?.get(name) ?? 0) - (metricsBefore?.get(name) ?? 0);
      if (metrics === null) serverErrors.push('web: /metrics did not answer');
      const procs = {} as Record<Proc, ProcMinute>;
      for (const p of PROCESSES) {
        const now = settled[p];
        const prev = lastCpu[p];
        procs[p] = {
          rssMb: mean(rss[p]),
          heapMb: now?.heapUsedMb ?? null,
          cpuPct: now && prev ? (100 * (now.cpuSeconds - prev.cpuSeconds)) / ((now.at - prev.at) / 1000) : null,
        };
        if (now) lastCpu = { ...lastCpu, [p]: now };
      }
      const row: Row = {
        minute,
        load1: loadavg()[0],
        procs,
        clientsRssMb: mean(rss.clients),
        clientsCpuPct: (100 * (samples.cpuSeconds - clientsCpu.seconds)) / ((Date.now() - clientsCpu.at) / 1000),
        latency: { p50: quantile(lat, 0.5), p95: quantile(lat, 0.95), p99: quantile(lat, 0.99), max: lat.at(-1) ?? NaN },
        delivered: lat.length,
        expected,
        deltas,
        received: Object.values(samples.events).reduce((a, b) => a + b, 0),
        trouble: samples.trouble,
        invalid: samples.invalid,
        gaps: samples.gaps,
        serverErrors,
        serverWarnings,
        pollErrors: counter('polis_gateway_poll_errors_total'),
        pollMs: (1000 * counter('polis_gateway_poll_duration_seconds_sum')) / Math.max(1, counter('polis_gateway_poll_duration_seconds_count')),
        resyncs: counter('polis_gateway_resync_snapshots_total'),
      };
      if (metrics) metricsBefore = metrics;
      clientsCpu = { seconds: samples.cpuSeconds, at: Date.now() };
      rows.push(row);
      console.log(`[soak] ${rowLine(row)}`);
      for (const m of [...row.trouble.messages, ...row.serverErrors].slice(0, 5)) console.log(`[soak]   ${m}`);
    }
  } finally {
    loadAtEnd = loadavg();
    child.send({ cmd: 'exit' });
    await system.stop();
  }

  // ---- verdict --------------------------------------------------------------------------------
  const errorsOf = (r: Row) => r.trouble.disconnects + r.trouble.connectErrors + r.trouble.errorAcks + r.invalid + r.serverErrors.length + r.pollErrors;
  const totalErrors = rows.reduce((a, r) => a + errorsOf(r), 0) + connectFailures + startupErrors.length + (died ? 1 : 0);
  const half = secondHalf(rows, opts.SOAK_MINUTES);
  const trends: Array<{ proc: Proc; measure: 'rss' | 'heap'; t: Trend; verdict: GrowthVerdict }> = [];
  for (const proc of PROCESSES)
    for (const measure of ['rss', 'heap'] as const) {
      const points = half.flatMap((r) => {
        const v = measure === 'rss' ? r.procs[proc].rssMb : r.procs[proc].heapMb;
        return v === null || !Number.isFinite(v) ? [] : [[r.minute, v] as const];
      });
      const t = trend(points);
      trends.push({ proc, measure, t, verdict: judgeGrowth(t, GROWTH_LIMIT_MB_PER_MIN[measure]) });
    }
  const growing = trends.filter((t) => t.verdict === 'growth');
  const short = trends.some((t) => t.verdict === 'too-short');
  const pass = totalErrors === 0 && growing.length === 0 && !died;
  const verdict = `${pass ? 'PASS' : 'FAIL'}: ${totalErrors} errors${died ? ` (${died})` : ''}; ${
    growing.length ? `growth in ${growing.map((g) => `${g.proc} ${g.measure} (+${g.t.slope.toFixed(2)} MB/min)`).join(', ')}` : short ? 'too short to judge a trend' : 'no growth trend'
  } (limits: rss ${GROWTH_LIMIT_MB_PER_MIN.rss}, heap ${GROWTH_LIMIT_MB_PER_MIN.heap} MB/min over the second half, ≥ 3 standard errors)`;

  console.log(`\n## Soak over time (${opts.SOAK_MINUTES} min, ${opts.SOAK_CLIENTS} clients, twin at 10×)\n`);
  console.log(tableOf(rows));
  console.log(`\nload average at start ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}, at end ${loadAtEnd.map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`[soak] ${verdict}`);
  mkdirSync(join('bench', 'results'), { recursive: true });
  const file = join('bench', 'results', `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ options: opts, machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`, loadAtStart, loadAtEnd, startupErrors, rows, trends, verdict }, null, 1));
  console.log(`[soak] every minute's figures: ${file}`);
  if (!pass) process.exitCode = 1;

  const all = rows.map((r) => r.latency);
  allLatencies.sort((a, b) => a - b);
  const delivered = rows.reduce((a, r) => a + r.delivered, 0);
  const expected = rows.reduce((a, r) => a + r.expected, 0);
  const sum = (f: (r: Row) => number) => rows.reduce((a, r) => a + f(r), 0);
  return [
    { name: 'soak', value: rows.length, unit: 'min', note: `${opsClients} control rooms (/ops, ${layerNames.length} layers, alerts and actions; ${opts.SOAK_SESSIONS} sessions) + ${publicClients} public transit views, twin at 10×` },
    { name: 'delivery latency p50 / p95 / p99, whole soak', value: quantile(allLatencies, 0.5), unit: 'ms (p50)', note: `p95 ${fmt(quantile(allLatencies, 0.95))} ms, p99 ${fmt(quantile(allLatencies, 0.99))} ms, max ${fmt(allLatencies.at(-1))} ms over ${allLatencies.length} deliveries` },
    { name: 'delivery latency p50, worst minute', value: Math.max(...all.map((l) => l.p50)), unit: 'ms', note: `per minute ${all.map((l) => l.p50.toFixed(0)).join(' ')}` },
    { name: 'delivery latency p99, worst minute', value: Math.max(...all.map((l) => l.p99)), unit: 'ms', note: `per minute ${all.map((l) => l.p99.toFixed(0)).join(' ')}` },
    { name: 'deltas delivered', value: delivered, unit: 'deliveries', note: `of ${expected} expected (${((100 * delivered) / Math.max(1, expected)).toFixed(2)} %); ${sum((r) => r.resyncs)} catch-up snapshots, ${sum((r) => r.gaps)} gaps` },
    { name: 'messages received by the clients', value: sum((r) => r.received), unit: 'messages' },
    {
      name: 'errors',
      value: totalErrors,
      unit: '',
      note: `start-up error lines ${startupErrors.length}, disconnects ${sum((r) => r.trouble.disconnects)}, connect errors ${sum((r) => r.trouble.connectErrors) + connectFailures}, error acks ${sum((r) => r.trouble.errorAcks)}, invalid payloads ${sum((r) => r.invalid)}, server error lines ${sum((r) => r.serverErrors.length)}, poll errors ${sum((r) => r.pollErrors)}; server warnings ${sum((r) => r.serverWarnings)}`,
    },
    ...trends.map(({ proc, measure, t, verdict: v }) => ({
      name: `${proc} ${measure} trend, second half`,
      value: t.slope,
      unit: 'MB/min',
      note: `± ${t.se.toFixed(2)} (${t.points} minutes), ${v}; minute 1 ${fmt(first(rows, proc, measure))} MB → minute ${rows.length} ${fmt(first([...rows].reverse(), proc, measure))} MB`,
    })),
    { name: `verdict ${pass ? 'PASS' : 'FAIL'}`, value: pass ? 1 : 0, unit: '', note: verdict },
  ];
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const fmt = (v: number | null | undefined, digits = 0) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits));
const first = (rows: Row[], proc: Proc, measure: 'rss' | 'heap') => {
  const r = rows.find((x) => (measure === 'rss' ? Number.isFinite(x.procs[proc].rssMb) : x.procs[proc].heapMb !== null));
  return r ? (measure === 'rss' ? r.procs[proc].rssMb : r.procs[proc].heapMb) : null;
};
const errorCount = (r: Row) => r.trouble.connectErrors + r.trouble.errorAcks + r.invalid + r.serverErrors.length + r.pollErrors;

function rowLine(r: Row): string {
  const p = (x: Proc) => `${x} ${fmt(r.procs[x].rssMb)}/${fmt(r.procs[x].heapMb)} MB ${fmt(r.procs[x].cpuPct)}%`;
  return `min ${r.minute}: ${PROCESSES.map(p).join(', ')}; clients ${fmt(r.clientsRssMb)} MB ${fmt(r.clientsCpuPct)}%; ${Object.values(r.deltas).reduce((a, b) => a + b, 0)} deltas (${r.deltas.traffic ?? 0} traffic), poll ${fmt(r.pollMs)} ms; latency p50/p95/p99 ${fmt(r.latency.p50)}/${fmt(r.latency.p95)}/${fmt(r.latency.p99)} ms; ${r.delivered}/${r.expected} delivered; ${r.received} received; ${r.trouble.disconnects} disconnects; ${errorCount(r)} errors; load ${r.load1.toFixed(1)}`;
}

function tableOf(rows: Row[]): string {
  const head = ['min', 'load', ...PROCESSES.map((p) => `${p} rss / heap MB (cpu %)`), 'clients rss MB (cpu %)', 'deltas (traffic)', 'poll ms', 'latency p50 / p95 / p99 ms', 'delivered / expected', 'received', 'disconnects', 'errors'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of rows)
    lines.push(
      `| ${[
        r.minute,
        r.load1.toFixed(1),
        ...PROCESSES.map((p) => `${fmt(r.procs[p].rssMb)} / ${fmt(r.procs[p].heapMb, 1)} (${fmt(r.procs[p].cpuPct)})`),
        `${fmt(r.clientsRssMb)} (${fmt(r.clientsCpuPct)})`,
        `${Object.values(r.deltas).reduce((a, b) => a + b, 0)} (${r.deltas.traffic ?? 0})`,
        fmt(r.pollMs),
        `${fmt(r.latency.p50)} / ${fmt(r.latency.p95)} / ${fmt(r.latency.p99)}`,
        `${r.delivered} / ${r.expected}`,
        r.received,
        r.trouble.disconnects,
        errorCount(r),
      ].join(' | ')} |`,
    );
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`)
  benchSoak().then(
    (f) => {
      printFigures('Soak', f);
      process.exit(process.exitCode ?? 0);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
