/**
 * KPI pages in the browser (issue 11: "a month of a 2,000-segment city must render in under 1 s").
 * Seeds a whole Polis's store with 62 days of traffic, grid and air history for its own city
 * (bench/kpi-history.ts), starts it, and opens each KPI page with range=month in Chromium as a
 * signed-in manager would: time from navigation to every chart of the report drawn.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { loadConfig } from '../lib/config';
import { rollAir } from '../server/models/kpi/air-rollup';
import { rollGrid } from '../server/models/kpi/grid-rollup';
import { rollTraffic } from '../server/models/kpi/traffic-rollup';
import { openPglite } from '../server/store/pglite';
import { Store } from '../server/store/store';
import { generateCity } from '../server/twin/city';
import { twinStartAt } from '../server/twin/start-time';
import { signedInCookie, signedInState, startSystem } from '../e2e/system';
import { COPY_ROLLED_DAY, generateAirDay, generateGridDay, generateTrafficDay, seedAssets } from './kpi-history';
import { printFigures, summarise, type Figure } from './report';

const RUNS = 5;
const SEED = 7; // the e2e systems' TWIN_SEED: the store holds the twin's own city
const SECTIONS = ['traffic', 'energy', 'air'] as const;

async function seedStore(dataDir: string, end: number): Promise<number> {
  const store = await Store.open(await openPglite(join(dataDir, 'pglite')));
  try {
    const city = generateCity({ seed: SEED, size: loadConfig({}).TWIN_SIZE });
    await seedAssets(store, city, SEED);
    await generateTrafficDay(store.db, end);
    await generateGridDay(store.db, end);
    await generateAirDay(store.db, end);
    await rollTraffic(store.db);
    await rollGrid(store.db);
    await rollAir(store.db);
    for (const sql of Object.values(COPY_ROLLED_DAY)) await store.db.query(sql);
    return city.segments.length;
  } finally {
    await store.close();
  }
}

export async function benchKpiPage(): Promise<Figure[]> {
  if (spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' }).status !== 0) throw new Error('the web app failed to build');
  const dataDir = mkdtempSync(join(tmpdir(), 'polis-bench-kpi-'));
  // History ends where the twin's live time will begin (07:00 UTC next, as in the e2e systems).
  const end = twinStartAt(Date.now(), '07:00');
  const segments = await seedStore(dataDir, end);
  const system = await startSystem('bench-kpi-page', { TWIN_BACKFILL_DAYS: '0', TWIN_SPEED: '1' }, { dataDir });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const figures: Figure[] = [];
  try {
    const manager = await signedInCookie(system.url, { email: 'bench-manager@polis.local', password: 'bench manager password', role: 'manager' }, signedInState('bench-kpi-page'));
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addCookies([{ ...manager, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Lax' }]);
    for (const section of SECTIONS) {
      const res = await fetch(`${system.modelsUrl}/v1/kpi/${section}?range=month`);
      const report = (await res.json()) as { charts: { id: string; rows: unknown[] }[]; from: string; to: string };
      const charts = report.charts.map((c) => c.id);
      const samples: number[] = [];
      const ttfb: number[] = [];
      let jsBytes = 0;
      for (let i = 0; i < RUNS + 1; i++) {
        const page = await context.newPage();
        await page.goto(`${system.url}kpi/${section}?range=month`, { waitUntil: 'commit' });
        // Drawn: every chart of the report has its recharts surface with at least one drawn shape.
        const drawnAt = await page.waitForFunction(
          (ids: string[]) =>
            ids.every((id) => document.querySelector(`[data-testid="chart-${id}"] svg.recharts-surface path, [data-testid="chart-${id}"] svg.recharts-surface rect.recharts-rectangle`))
              ? performance.now()
              : false,
          charts,
          { timeout: 60_000, polling: 'raf' },
        ).catch(async (err: unknown) => {
          await page.screenshot({ path: join('test-results', `bench-kpi-page-${section}.png`), fullPage: true });
          throw new Error(`${section}: charts ${charts.join(', ')} not all drawn at ${page.url()} (screenshot in test-results): ${String(err)}`);
        });
        const nav = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseStart);
        jsBytes = await page.evaluate(() =>
          (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.initiatorType === 'script').reduce((a, r) => a + r.decodedBodySize, 0),
        );
        if (i > 0) {
          // The first load also compiles the route's server code and warms caches; reported apart.
          samples.push((await drawnAt.jsonValue()) as number);
          ttfb.push(nav);
        } else figures.push({ name: `${section} month page, first load (cold)`, value: (await drawnAt.jsonValue()) as number, unit: 'ms' });
        await page.close();
      }
      const s = summarise(samples);
      figures.push({
        name: `${section} month page: navigation → every chart drawn, median of ${RUNS}`,
        value: s.median,
        unit: 'ms',
        note: `worst ${s.max.toFixed(0)} ms; server response (TTFB) median ${summarise(ttfb).median.toFixed(0)} ms; ${(jsBytes / 1024).toFixed(0)} KiB of JavaScript (decoded); ${charts.length} charts, ${report.from.slice(0, 10)} → ${report.to.slice(0, 10)}, ${segments} segments`,
      });
    }
    await context.close();
  } finally {
    await browser.close();
    await system.stop();
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchKpiPage().then((f) => printFigures('KPI pages, a month (Chromium, localhost)', f));
}
