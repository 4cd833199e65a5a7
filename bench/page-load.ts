/**
 * Time from page load to the first drawn live data, in Debian's Chromium on localhost.
 * Starts a whole Polis (as the e2e tests do), then loads the control room in fresh contexts.
 */
import { spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { startSystem } from '../e2e/system';
import { printFigures, summarise, type Figure } from './report';

const RUNS = 7;

export async function benchPageLoad(): Promise<Figure[]> {
  // The page is served by the production build, as `npm start` serves it.
  if (spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' }).status !== 0) throw new Error('the web app failed to build');
  const system = await startSystem('bench-page-load', { TWIN_SPEED: '1', REALTIME_POLL_MS: '2000', STALE_AFTER_MS: '30000' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--ignore-gpu-blocklist'],
  });
  const samples: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      // Record the moment the map container reports the first render with live data.
      await page.addInitScript(() => {
        const w = window as unknown as { __firstLiveMs?: number };
        new MutationObserver((_, obs) => {
          if (document.querySelector('[data-map-ready="true"]')) {
            w.__firstLiveMs = performance.now();
            obs.disconnect();
          }
        }).observe(document, { subtree: true, attributes: true, childList: true, attributeFilter: ['data-map-ready'] });
      });
      await page.goto(system.url);
      await page.waitForFunction(() => (window as unknown as { __firstLiveMs?: number }).__firstLiveMs !== undefined, null, { timeout: 60_000 });
      const ms = await page.evaluate(() => (window as unknown as { __firstLiveMs: number }).__firstLiveMs);
      // The first run also warms the server's caches; keep it, it is what the first user sees.
      samples.push(ms);
      await context.close();
    }
  } finally {
    await browser.close();
    await system.stop();
  }
  const s = summarise(samples);
  return [
    { name: 'page load → first drawn live data, median', value: s.median, unit: 'ms', note: `${RUNS} loads, fresh context each, SwiftShader WebGL` },
    { name: 'page load → first drawn live data, worst', value: s.max, unit: 'ms' },
    { name: 'page load → first drawn live data, first load', value: samples[0], unit: 'ms', note: 'cold server caches' },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchPageLoad().then((f) => printFigures('Page load (Chromium, localhost)', f));
}
