/**
 * City twin: generation time and step time for the default city and a 20,000-segment one, traffic
 * alone and the whole world (traffic and every other domain the twin registers).
 */
import { generateCity } from '../server/twin/city';
import { runUntil, simulateBlock } from '../server/twin/history';
import { TrafficSim } from '../server/twin/sim';
import { World } from '../server/twin/world';
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

  // The whole world: every domain steps after the traffic, and the observations due are built.
  const t1 = performance.now();
  const world = new World(city, { seed: 42, start: MONDAY + 6 * HOUR });
  const worldMs = performance.now() - t1;
  runUntil(world, MONDAY + 8 * HOUR);
  const whole: number[] = [];
  let entities = 0;
  for (let k = 0; k < 300; k++) {
    const s = performance.now();
    world.step();
    entities += world.observations().length;
    whole.push(performance.now() - s);
  }
  const wt = summarise(whole);
  const domains = world.domains.map((d) => d.name).join(', ') || 'none';
  return [
    { name: `city generation, ${label}`, value: genMs, unit: 'ms' },
    { name: `traffic step (10 s of twin time), ${label}, median`, value: st.median, unit: 'ms', note: '300 steps at the 08:00 peak' },
    { name: `traffic step, ${label}, p95`, value: st.p95, unit: 'ms' },
    { name: `world set-up (all domains), ${label}`, value: worldMs, unit: 'ms', note: `domains: ${domains}` },
    { name: `world step with all domains + observations built, ${label}, median`, value: wt.median, unit: 'ms', note: `${(entities / 300).toFixed(0)} entities per step on average` },
    { name: `world step with all domains, ${label}, p95`, value: wt.p95, unit: 'ms' },
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
