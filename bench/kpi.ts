/**
 * KPI reports (issue 11): a month's report for a 2,000-segment city must be ready in under 1 s.
 * For each of traffic, energy and air: a day of 5-minute rows for the city's segments, grid
 * assets or stations (bench/kpi-history.ts), rolled into hourly rows and copied to 62 days (a
 * month plus the four weeks the forecast baseline reads); then the day, week and month reports
 * are timed as the model services build them.
 */
import { openPglite } from '../server/store/pglite';
import { Store } from '../server/store/store';
import { generateCity } from '../server/twin/city';
import { airReport } from '../server/models/kpi/air';
import { AirHours } from '../server/models/kpi/air-hours';
import { rollAir } from '../server/models/kpi/air-rollup';
import { energyReport } from '../server/models/kpi/energy';
import { rollGrid } from '../server/models/kpi/grid-rollup';
import type { RollupPass } from '../server/models/kpi/hourly-rollup';
import { trafficReport } from '../server/models/kpi/traffic';
import { rollTraffic } from '../server/models/kpi/traffic-rollup';
import type { Queryable } from '../server/store/sql';
import type { KpiQuery, KpiReport } from '../lib/protocol/kpi';
import { COPY_ROLLED_DAY, generateAirDay, generateGridDay, generateTrafficDay, HISTORY_DAYS, seedAssets } from './kpi-history';
import { printFigures, summarise, type Figure } from './report';

const END = Date.parse('2026-11-23T00:00:00Z');

interface Domain {
  name: 'traffic' | 'energy' | 'air';
  source: string;
  rollup: keyof typeof COPY_ROLLED_DAY;
  table: string;
  generate: (db: Queryable, end: number) => Promise<void>;
  roll: (db: Queryable) => Promise<RollupPass>;
  report: (db: Queryable, q: KpiQuery) => Promise<KpiReport>;
}

const DOMAINS: Domain[] = [
  { name: 'traffic', source: 'traffic_5min', rollup: 'traffic', table: 'kpi_traffic_hour', generate: generateTrafficDay, roll: rollTraffic, report: (db, q) => trafficReport(db, q, END) },
  { name: 'energy', source: 'grid_5min', rollup: 'grid', table: 'kpi_grid_hour', generate: generateGridDay, roll: rollGrid, report: (db, q) => energyReport(db, q, END) },
  { name: 'air', source: 'air_5min', rollup: 'air', table: 'kpi_air_hour', generate: generateAirDay, roll: rollAir, report: (db, q) => airReport(db, q, END, 'us-epa') },
];

/** Day, week and month reports, median of 5 after 2 warm-ups each. */
async function timeReports(what: string, report: (q: KpiQuery) => Promise<KpiReport>): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const range of ['day', 'week', 'month'] as const) {
    const samples: number[] = [];
    let bytes = 0;
    for (let k = 0; k < 7; k++) {
      const s = performance.now();
      const r = await report({ range });
      bytes = JSON.stringify(r).length;
      samples.push(performance.now() - s);
    }
    const sum = summarise(samples.slice(2));
    figures.push({ name: `${what} report, ${range} (median of 5 after 2 warm-ups)`, value: sum.median, unit: 'ms', note: `p95 ${sum.p95.toFixed(1)} ms, ${(bytes / 1024).toFixed(1)} KiB JSON` });
  }
  return figures;
}

export async function benchKpi(): Promise<Figure[]> {
  const city = generateCity({ seed: 42, size: 2000 });
  const figures: Figure[] = [];
  for (const d of DOMAINS) {
    // A store per domain, so each report reads only its own tables' pages.
    const store = await Store.open(await openPglite());
    try {
      const assets = await seedAssets(store, city, 42);
      let t = performance.now();
      await d.generate(store.db, END);
      const genMs = performance.now() - t;
      const [{ rows }] = await store.db.query<{ rows: number }>(`select count(*)::int as rows from ${d.source}`);
      const what = d.name === 'traffic' ? `${city.segments.length} segments` : d.name === 'energy' ? `${assets.substations} substations, ${assets.feeders} feeders` : `${assets.stations} stations`;
      figures.push({ name: `${d.name}: generated 5-minute rows (one day)`, value: rows, unit: 'rows', note: `${what}, ${(genMs / 1000).toFixed(1)} s` });
      t = performance.now();
      const pass = await d.roll(store.db);
      figures.push({ name: `${d.name}: hourly rollup of one day`, value: performance.now() - t, unit: 'ms', note: `${pass.rolled} hours` });
      t = performance.now();
      await d.roll(store.db);
      figures.push({ name: `${d.name}: rollup pass with nothing new (timer tick)`, value: performance.now() - t, unit: 'ms', note: 're-rolls the newest 2 hours' });
      await store.db.query(COPY_ROLLED_DAY[d.rollup]);
      const [{ held }] = await store.db.query<{ held: number }>(`select count(*)::int as held from ${d.table}`);
      figures.push({ name: `${d.name}: hourly rows held`, value: held, unit: 'rows', note: `${HISTORY_DAYS} days; the month in 5-minute rows would be ${(rows * 30).toLocaleString('en-GB')}` });
      figures.push(...(await timeReports(d.name, (q) => d.report(store.db, q))));
      if (d.name === 'air') {
        // As the model services run it: settled hours kept in memory after the first report.
        const hours = new AirHours();
        figures.push(...(await timeReports('air (settled hours in memory)', (q) => airReport(store.db, q, END, 'us-epa', hours))));
      }
      if (d.name === 'traffic') {
        const s = performance.now();
        await trafficReport(store.db, { range: 'month', filter: 'primary' }, END);
        figures.push({ name: 'traffic report, month, one road class', value: performance.now() - s, unit: 'ms' });
      }
    } finally {
      await store.close();
    }
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchKpi()
    .then((f) => printFigures('KPI reports', f))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
