/** City twin: generation time and simulation step time, for the default city and a 20,000-segment one. */
import { generateCity } from '../server/twin/city';
import { runUntil, simulateBlock } from '../server/twin/history';
import { TrafficSim } from '../server/twin/sim';
import { printFigures, summarise, type Figure } from './report';

const MONDAY = Date.parse('2026-11-16T00:00:00Z');
const HOUR = 3600_000;

function stepFigures(size: number): Figure[] {
  const t0 = performance.now();
  const city = generateCity({ seed: 42, size });
  const genMs = performance.now() - t0;
  // Time steps in the morning peak, when junctions are busiest.
  const sim = new TrafficSim(city, { seed: 42, start: MONDAY + 6 * HOUR });
  runUntil(sim, MONDAY + 8 * HOUR);
  const samples: number[] = [];
  for (let k = 0; k < 300; k++) {
    const s = performance.now();
    sim.step();
    samples.push(performance.now() - s);
  }
  const st = summarise(samples);
  const label = `${city.segments.length} segments (TWIN_SIZE ${size})`;
  return [
    { name: `city generation, ${label}`, value: genMs, unit: 'ms' },
    { name: `simulation step (10 s of twin time), ${label}, median`, value: st.median, unit: 'ms', note: '300 steps at the 08:00 peak' },
    { name: `simulation step, ${label}, p95`, value: st.p95, unit: 'ms' },
  ];
}

export async function benchTwin(): Promise<Figure[]> {
  const figures = [...stepFigures(2000), ...stepFigures(20_000)];
  const city = generateCity({ seed: 42, size: 2000 });
  const t0 = performance.now();
  const block = await simulateBlock(city, 42, { start: MONDAY, end: MONDAY + 24 * HOUR });
  const rows = block.segmentIds.length * block.speedKmh[0].length;
  figures.push({ name: 'one day of history simulated and aggregated (default city)', value: performance.now() - t0, unit: 'ms', note: `${rows} five-minute rows, 2 h warm-up included, no I/O` });
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) benchTwin().then((f) => printFigures('City twin', f));
