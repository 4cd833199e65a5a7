/**
 * The map at city scale, in Debian's Chromium: 50,000 road segments, 1,000 sensors and 500
 * buses updated every second through the control room's own traffic layer. Bundles
 * bench/map-scale/page.ts with esbuild, serves it on loopback and reads the figures back.
 * `npm run bench -- map-scale`. WebGL here is SwiftShader (software): render times are software-GL times.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import { printFigures, summarise, type Figure } from './report';

const PARAMS = { segments: 50_000, sensors: 1_000, buses: 500, seconds: 30, changedShare: 0.1 };

export async function benchMapScale(): Promise<Figure[]> {
  const bundle = await build({
    entryPoints: ['bench/map-scale/page.ts'],
    bundle: true,
    write: false,
    format: 'esm',
    minify: true,
    target: 'es2022',
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const js = bundle.outputFiles[0].text;
  const html = `<!doctype html><html><body style="margin:0;background:#0a0e13"><div id="map" style="position:fixed;inset:0"></div><script type="module" src="/page.js"></script></body></html>`;
  const server = createServer((req, res) => {
    if (req.url === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else res.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--ignore-gpu-blocklist'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => console.error('[page]', e.message));
    await page.goto(url);
    await page.waitForFunction(() => typeof window.runBench === 'function');
    const r = await page.evaluate((p) => window.runBench(p), PARAMS);
    const apply = summarise(r.applyMs);
    const render = summarise(r.renderMs);
    const total = summarise(r.totalMs);
    const changed = Math.round(PARAMS.segments * PARAMS.changedShare);
    return [
      { name: 'network', value: PARAMS.segments, unit: 'segments', note: `${r.vertices} vertices; ${PARAMS.sensors} sensors, ${PARAMS.buses} buses` },
      { name: 'first build (buffers) ', value: Math.round(r.buildMs), unit: 'ms' },
      { name: 'first frame drawn', value: Math.round(r.firstFrameMs), unit: 'ms', note: 'one long task, software GL' },
      { name: 'apply one update, p95', value: +apply.p95.toFixed(1), unit: 'ms', note: `median ${apply.median.toFixed(1)}; ${changed} segments + all sensors and buses changed` },
      { name: 'deck.gl redraw, p95 (SwiftShader)', value: +render.p95.toFixed(1), unit: 'ms', note: `median ${render.median.toFixed(1)}` },
      { name: 'apply + redraw, p95', value: +total.p95.toFixed(1), unit: 'ms', note: `median ${total.median.toFixed(1)}, ${r.totalMs.length} updates` },
      { name: 'update → next frame drawn, p95', value: +summarise(r.endToEnd).p95.toFixed(1), unit: 'ms', note: `median ${summarise(r.endToEnd).median.toFixed(1)}; includes deck.gl's attribute upload and up to one frame of waiting` },
      { name: 'cache copy of 50,000 items per delta (applyDelta today), p95', value: +summarise(r.copyMs).p95.toFixed(1), unit: 'ms', note: `median ${summarise(r.copyMs).median.toFixed(1)}; not yet avoided, see notes` },
      { name: 'full-scan recolour (no changed ids), p95', value: +summarise(r.scanMs).p95.toFixed(1), unit: 'ms', note: `median ${summarise(r.scanMs).median.toFixed(1)}` },
      { name: 'long tasks > 50 ms while live', value: r.longTasks.length, unit: 'tasks', note: r.longTasks.length ? `longest ${Math.round(Math.max(...r.longTasks))} ms` : 'none' },
    ];
  } finally {
    await browser.close();
    server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchMapScale().then((f) => printFigures('Map at city scale (Chromium)', f));
}
