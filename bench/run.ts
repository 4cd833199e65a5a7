/**
 * `npm run bench`: runs every benchmark and prints its figures. Record them, with the date and
 * this command, in docs/BENCHMARKS.md. `npm run bench -- twin store` runs only those; the soak
 * (half an hour) runs only when named: `npm run bench -- soak`.
 */
import { cpus, totalmem } from 'node:os';
import { printFigures, type Figure } from './report';

const benches: Record<string, { title: string; run: () => Promise<Figure[]>; onlyWhenNamed?: boolean }> = {
  twin: { title: 'City twin', run: async () => (await import('./twin')).benchTwin() },
  store: { title: 'Store and model services', run: async () => (await import('./store')).benchStore() },
  gateway: { title: 'Gateway deltas', run: async () => (await import('./gateway')).benchGateway() },
  // Several minutes: 2,000 clients in a second process, then a 10-minute soak (LOAD_SOAK_S=0 skips it).
  'gateway-load': { title: 'Gateway under load', run: async () => (await import('./load/gateway-load')).benchGatewayLoad() },
  ingest: { title: 'Ingest (HTTP and MQTT)', run: async () => (await import('./ingest')).benchIngest() },
  forecast: { title: 'Forecasts (issue 4)', run: async () => (await import('./forecast')).benchForecast() },
  'transit-accuracy': { title: 'Transit arrival predictions (twin, against what then happened)', run: async () => (await import('./transit-accuracy')).benchTransitAccuracy() },
  'transit-js': { title: 'Public transit view: first-view JavaScript (Chromium, built app)', run: async () => (await import('./transit-js')).benchTransitJs() },
  'map-scale': { title: 'Map at city scale: 50,000 segments, 1,000 sensors, 500 buses (Chromium)', run: async () => (await import('./map-scale')).benchMapScale() },
  actuation: { title: 'Optimisation actions in the twin (issue 10)', run: async () => (await import('./actuation')).benchActuation() },
  optimize: { title: 'Optimisers: signal retiming proposals (issue 10)', run: async () => (await import('./optimize')).benchOptimize() },
  kpi: { title: 'KPI reports (issue 11)', run: async () => (await import('./kpi')).benchKpi() },
  'kpi-page': { title: 'KPI pages, a month (Chromium, localhost)', run: async () => (await import('./kpi-page')).benchKpiPage() },
  'page-load': { title: 'Page load (Chromium, localhost)', run: async () => (await import('./page-load')).benchPageLoad() },
  // SOAK_MINUTES (default 30) plus start-up: only when named, `npm run bench -- soak`.
  soak: { title: 'Soak: a whole Polis, 500 clients, twin at 10×', run: async () => (await import('./soak')).benchSoak(), onlyWhenNamed: true },
};

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = wanted.length ? wanted : Object.keys(benches).filter((name) => !benches[name].onlyWhenNamed);
  console.log(`# Polis benchmarks, ${new Date().toISOString()}`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  for (const name of names) {
    const bench = benches[name];
    if (!bench) throw new Error(`unknown benchmark "${name}"; known: ${Object.keys(benches).join(', ')}`);
    printFigures(bench.title, await bench.run());
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
