/**
 * The map at city scale, in Debian's Chromium: 50,000 road segments, 1,000 sensors and 500 buses
 * updated every second through the control room's own live path (bench/map-scale/page.ts: socket
 * messages → live syncs → react-query cache → traffic painter → deck.gl). Bundles the page with
 * esbuild, serves it, the network and the snapshots on loopback, and reads the figures back.
 * `npm run bench -- map-scale`; MAP_SCALE_VIEWPORT=3840x2160 for a 4K viewport.
 * WebGL here is SwiftShader (software): draw times are software-GL times.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import { network, snapshots } from './map-scale/city';
import { printFigures, summarise, type Figure } from './report';

const PARAMS = { segments: 50_000, sensors: 1_000, buses: 500, seconds: 30, changed: 5_000 };

function viewport(): { width: number; height: number } {
  const m = /^(\d+)x(\d+)$/.exec(process.env.MAP_SCALE_VIEWPORT ?? '1280x800');
  if (!m) throw new Error(`MAP_SCALE_VIEWPORT must look like 3840x2160, not ${process.env.MAP_SCALE_VIEWPORT}`);
  return { width: Number(m[1]), height: Number(m[2]) };
}

const stat = (xs: number[]) => {
  const s = summarise(xs);
  return { p95: +s.p95.toFixed(1), note: `median ${s.median.toFixed(1)}, max ${s.max.toFixed(1)}` };
};

/** One entry bundled for the browser, minified, in memory. */
async function bundle(entry: string, define: Record<string, string> = {}): Promise<string> {
  const out = await build({ entryPoints: [entry], bundle: true, write: false, format: 'esm', minify: true, target: 'es2022', logLevel: 'error', define });
  return out.outputFiles[0].text;
}

export async function benchMapScale(): Promise<Figure[]> {
  const js = await bundle('bench/map-scale/page.ts', { 'process.env.NODE_ENV': '"production"' });
  // The page starts the app's air surface worker by URL, as the app does; bundled on its own here.
  const worker = await bundle('components/layers/air-surface.worker.ts');
  const html = `<!doctype html><html><body style="margin:0;background:#0a0e13"><div id="map" style="position:fixed;inset:0"></div><script type="module" src="/page.js"></script></body></html>`;
  const snaps = snapshots(PARAMS);
  const files: Record<string, string> = {
    '/page.js': js,
    '/components/layers/air-surface.worker.ts': worker,
    '/network.json': JSON.stringify(network(PARAMS.segments)),
    '/snapshot/traffic.json': JSON.stringify(snaps.traffic),
    '/snapshot/air.json': JSON.stringify(snaps.air),
    '/snapshot/transit.json': JSON.stringify(snaps.transit),
  };
  const server = createServer((req, res) => {
    const body = files[req.url ?? ''];
    if (body !== undefined) res.writeHead(200, { 'content-type': req.url?.endsWith('.json') ? 'application/json' : 'text/javascript' }).end(body);
    else res.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--ignore-gpu-blocklist'],
  });
  try {
    const vp = viewport();
    const page = await browser.newPage({ viewport: vp });
    page.on('pageerror', (e) => console.error('[page]', e.message));
    page.on('console', (m) => m.type() === 'error' && console.error('[page console]', m.text()));
    await page.goto(url);
    await page.waitForFunction(() => typeof window.runBench === 'function');
    const r = await page.evaluate((p) => window.runBench(p), PARAMS);
    const total = r.applyMs.map((a, i) => a + r.renderMs[i] + r.drawMs[i]);
    const apply = stat(r.applyMs);
    const render = stat(r.renderMs);
    const draw = stat(r.drawMs);
    const sum = stat(total);
    const copy = stat(r.oldCopyMs);
    const scan = stat(r.oldScanMs);
    const surface = stat(r.surfaceMs);
    return [
      { name: 'network', value: PARAMS.segments, unit: 'segments', note: `${r.vertices} vertices; ${PARAMS.sensors} sensors, ${PARAMS.buses} buses; viewport ${vp.width}×${vp.height}` },
      { name: 'first live data drawn, from navigation start', value: Math.round(r.firstLiveMs), unit: 'ms', note: 'network + three snapshots fetched, parsed, zod-checked, cached, painted, first frame' },
      { name: 'traffic buffers built (once)', value: Math.round(r.buildMs), unit: 'ms' },
      { name: 'apply one update (3 messages: JSON.parse, zod check, cache write in place), p95', value: apply.p95, unit: 'ms', note: `${apply.note}; ${PARAMS.changed} segments + every sensor and bus` },
      { name: '  of which JSON.parse, p95', value: stat(r.parseMs).p95, unit: 'ms', note: stat(r.parseMs).note },
      { name: '  of which the syncs (zod check, write in place), p95', value: stat(r.syncMs).p95, unit: 'ms', note: `${stat(r.syncMs).note}; zod alone on the same messages: ${stat(r.checkOnlyMs).note}` },
      { name: 'structured clone of the same messages (what a worker hand-off would cost at most), p95', value: stat(r.cloneMs).p95, unit: 'ms', note: stat(r.cloneMs).note },
      { name: 'map render (painter sync of changed ids, layer props, setProps), p95', value: render.p95, unit: 'ms', note: render.note },
      { name: 'deck.gl draw, p95 (SwiftShader)', value: draw.p95, unit: 'ms', note: draw.note },
      { name: 'apply + render + draw, p95', value: sum.p95, unit: 'ms', note: `${sum.note}, ${total.length} updates` },
      { name: 'long tasks > 50 ms while live', value: r.longTasks.length, unit: 'tasks', note: r.longTasks.length ? `longest ${Math.round(Math.max(...r.longTasks))} ms` : 'none' },
      { name: 'snapshot re-requests (gaps) while live', value: r.resyncs, unit: 'requests' },
      { name: 'old way, same deltas: applyDelta copying every item, p95', value: copy.p95, unit: 'ms', note: copy.note },
      { name: 'old way, same deltas: full-scan recolour, p95', value: scan.p95, unit: 'ms', note: scan.note },
      { name: 'air surfaces from the worker while live', value: r.surfacesFromWorker, unit: 'surfaces', note: `image from each reply on the main thread: ${stat(r.surfaceReplyMs).note}` },
      { name: `air surface (IDW) over ${PARAMS.sensors} sensors if built on the main thread, p95`, value: surface.p95, unit: 'ms', note: `${surface.note}; timed after the live window: what the worker takes off it` },
    ];
  } finally {
    await browser.close();
    server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchMapScale().then((f) => printFigures('Map at city scale (Chromium)', f));
}
