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
/** What draws a chart's data: the server-drawn chart's shapes, recharts' lines, areas and bars. */
const DATA_SHAPES = ['[data-series]', '.recharts-line-curve', '.recharts-area-area', '.recharts-rectangle'];

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
      // The report alone, straight from the model services: the part of the server's response that is the store's.
      const reportMs: number[] = [];
      let report: { charts: { id: string; rows: unknown[] }[]; from: string; to: string } | undefined;
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        const res = await fetch(`${system.modelsUrl}/v1/kpi/${section}?range=month`);
        report = (await res.json()) as NonNullable<typeof report>;
        reportMs.push(performance.now() - started);
      }
      if (!report) throw new Error(`${section}: no report`);
      const charts = report.charts.map((c) => c.id);
      const samples: number[] = [];
      const ttfb: number[] = [];
      const interactive: number[] = [];
      let blankFrames = 0;
      let jsBytes = 0;
      for (let i = 0; i < RUNS + 1; i++) {
        const page = await context.newPage();
        await page.goto(`${system.url}kpi/${section}?range=month`, { waitUntil: 'commit' });
        // Drawn: every chart of the report shows a data shape (a line, band or bar with a size), as a person
        // sees it: the chart drawn into the server's HTML (StaticChart) or recharts'. Interactive: recharts has
        // taken over every chart (tooltips). Blank frames: frames after the first drawing in which a chart
        // showed no data while recharts replaced the drawn chart (there should be none).
        const timing = await page.waitForFunction(
          // No named functions in here: tsx would wrap them in a helper (__name) the page does not have.
          ({ ids, shapes }: { ids: string[]; shapes: string[] }) => {
            const w = window as unknown as { __kpiBench?: { drawn?: number; blank: number } };
            const state = (w.__kpiBench ??= { blank: 0 });
            let drawn = true;
            let interactive = true;
            for (const id of ids) {
              let any = false;
              let live = false;
              for (const el of document.querySelectorAll(shapes.map((shape) => `[data-testid="chart-${id}"] svg ${shape}`).join(', '))) {
                const r = el.getBoundingClientRect();
                if (r.width > 0 || r.height > 0) {
                  any = true;
                  if (el.closest('svg.recharts-surface')) live = true;
                }
              }
              drawn &&= any;
              interactive &&= live;
            }
            if (drawn) state.drawn ??= performance.now();
            else if (state.drawn !== undefined) state.blank++;
            return interactive ? { drawn: state.drawn ?? performance.now(), interactive: performance.now(), blank: state.blank } : false;
          },
          { ids: charts, shapes: DATA_SHAPES },
          { timeout: 60_000, polling: 'raf' },
        ).catch(async (err: unknown) => {
          await page.screenshot({ path: join('test-results', `bench-kpi-page-${section}.png`), fullPage: true });
          throw new Error(`${section}: charts ${charts.join(', ')} not all drawn at ${page.url()} (screenshot in test-results): ${String(err)}`);
        });
        const t = (await timing.jsonValue()) as { drawn: number; interactive: number; blank: number };
        blankFrames += t.blank;
        const nav = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseStart);
        jsBytes = await page.evaluate(() =>
          (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.initiatorType === 'script').reduce((a, r) => a + r.decodedBodySize, 0),
        );
        if (i > 0) {
          // The first load also compiles the route's server code and warms caches; reported apart.
          samples.push(t.drawn);
          interactive.push(t.interactive);
          ttfb.push(nav);
        } else figures.push({ name: `${section} month page, first load (cold)`, value: t.drawn, unit: 'ms', note: `interactive ${t.interactive.toFixed(0)} ms` });
        await page.close();
      }
      const s = summarise(samples);
      const i = summarise(interactive);
      figures.push({
        name: `${section} month page: navigation → every chart drawn, median of ${RUNS}`,
        value: s.median,
        unit: 'ms',
        note: `worst ${s.max.toFixed(0)} ms; server response (TTFB) median ${summarise(ttfb).median.toFixed(0)} ms; report from the model services median ${summarise(reportMs).median.toFixed(0)} ms; ${(jsBytes / 1024).toFixed(0)} KiB of JavaScript (decoded); ${charts.length} charts, ${report.from.slice(0, 10)} → ${report.to.slice(0, 10)}, ${segments} segments`,
      });
      figures.push({
        name: `${section} month page: navigation → every chart interactive (recharts, tooltips), median of ${RUNS}`,
        value: i.median,
        unit: 'ms',
        note: `worst ${i.max.toFixed(0)} ms; frames with a chart blank while recharts took over: ${blankFrames}`,
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
