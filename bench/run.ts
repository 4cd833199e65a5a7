/**
 * `npm run bench`: runs every benchmark and prints its figures. Record them, with the date and
 * this command, in docs/BENCHMARKS.md. `npm run bench -- twin store` runs only those.
 */
import { cpus, totalmem } from 'node:os';
import { printFigures, type Figure } from './report';

const benches: Record<string, { title: string; run: () => Promise<Figure[]> }> = {
  twin: { title: 'City twin', run: async () => (await import('./twin')).benchTwin() },
  store: { title: 'Store and model services', run: async () => (await import('./store')).benchStore() },
  gateway: { title: 'Gateway deltas', run: async () => (await import('./gateway')).benchGateway() },
  ingest: { title: 'Ingest (HTTP and MQTT)', run: async () => (await import('./ingest')).benchIngest() },
  'page-load': { title: 'Page load (Chromium, localhost)', run: async () => (await import('./page-load')).benchPageLoad() },
};

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = wanted.length ? wanted : Object.keys(benches);
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
