/**
 * Optimisation actions in the twin (issue 10): the cost of a what-if (two forks of the 2,000-segment
 * twin run forward 30 twin-minutes, 180 steps each) and of a fork on its own.
 */
import type { ActionPlan } from '../lib/protocol/actuation';
import { whatIf } from '../server/twin/actuation/what-if';
import { generateCity } from '../server/twin/city';
import { runUntil } from '../server/twin/history';
import { World } from '../server/twin/world';
import { summarise, type Figure } from './report';

export async function benchActuation(): Promise<Figure[]> {
  const city = generateCity({ seed: 42, size: 2000 });
  const t0 = Date.parse('2026-11-16T07:30:00Z');
  const world = new World(city, { seed: 42, start: t0 - 3600_000 });
  runUntil(world, t0);
  const forks: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    world.fork();
    forks.push(performance.now() - t);
  }
  const x = world.actuator.intersections()[0];
  const plan: ActionPlan = { kind: 'signal-retiming', corridor: [], intersections: [{ ...x.timing, phases: x.timing.phases.map((p, k) => ({ ...p, greenS: k ? 30 : 52 })) }], durationMin: 60 };
  const runs: number[] = [];
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    await whatIf(world, plan, 30, { yieldEvery: 0 });
    runs.push(performance.now() - t);
  }
  const f = summarise(forks);
  const r = summarise(runs);
  return [
    { name: 'World.fork (2,038 segments, all domains)', value: f.median, unit: 'ms', note: `median of 5, max ${f.max.toFixed(0)}` },
    { name: 'whatIf, 30 twin-min (2 forks × 180 steps)', value: r.median, unit: 'ms', note: `median of 3, max ${r.max.toFixed(0)}` },
  ];
}
