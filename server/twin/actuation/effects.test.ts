import { describe, expect, it } from 'vitest';
import type { ActionPlan } from '@/lib/protocol/actuation';
import { corridorTimings } from '@/server/models/optimize/webster';
import { generateCity, type City } from '../city';
import { RESPONSE_STEP_MS } from '../grid/sim';
import { runUntil } from '../history';
import { World } from '../world';
import { whatIf } from './what-if';

/**
 * The "verified for real": the same seed run forward with and without a plan, in the
 * twin (whatIf forks it, so both runs share one state and one random stream).
 */
const SEED = 42;
const HOUR = 3600_000;
const city: City = generateCity({ seed: SEED, size: 2000 });
const worldAt = (iso: string, warmUpH = 2): World => {
  const t = Date.parse(iso);
  const w = new World(city, { seed: SEED, start: t - warmUpH * HOUR });
  runUntil(w, t);
  return w;
};

/** Webster timing (the optimisers' own functions) for a corridor, from the flows the twin measures now. */
function websterRetiming(w: World, firstSegmentId: string): ActionPlan {
  const segs = city.segments;
  const first = segs.findIndex((s) => s.id === firstSegmentId);
  const chain = [first];
  for (;;) {
    const last = segs[chain[chain.length - 1]];
    const next = segs.findIndex((s, j) => s.from === last.to && s.name === last.name && j !== last.reverse && !chain.includes(j));
    if (next < 0) break;
    chain.push(next);
  }
  const corridor = chain.filter((i) => city.nodes[segs[i].to].signalised);
  const byId = new Map(w.actuator.intersections().map((x) => [x.id, x]));
  const index = new Map(segs.map((s, i) => [s.id, i]));
  const { timings } = corridorTimings(
    corridor.map((i) => {
      const x = byId.get(`j${segs[i].to}`);
      if (!x) throw new Error(`no signal at the end of ${segs[i].id}`);
      return {
        intersectionId: x.id,
        corridorPhase: x.timing.phases.findIndex((p) => p.approaches.includes(segs[i].id)),
        travelTimeS: segs[i].lengthM / (segs[i].freeFlowKmh / 3.6),
        phases: x.timing.phases.map((p) => ({
          approaches: p.approaches.map((id) => ({
            id,
            flowVph: w.traffic.flowVph[index.get(id) ?? -1],
            saturationVph: x.approaches.find((a) => a.segmentId === id)?.saturationVph ?? 1800,
          })),
        })),
      };
    }),
  );
  return { kind: 'signal-retiming', corridor: corridor.map((i) => segs[i].id), intersections: timings, durationMin: 60 };
}

describe('optimisation actions in the twin', () => {
  it('a Webster retiming of a congested corridor cuts its mean delay by at least 10 % within 30 twin-minutes', async () => {
    // Cooper Avenue inbound at a dry Monday's morning peak (a wet one, or a very busy one, is past
    // saving by timing alone): its 22 signals run the default 90 s, 50/50 timing.
    const w = worldAt('2026-11-09T07:30:00Z');
    const plan = websterRetiming(w, 's00133');
    const impact = await whatIf(w, plan, 30);
    console.log(`corridor delay ${impact.baseline} → ${impact.withPlan} s/veh (${(100 * (1 - impact.withPlan / impact.baseline)).toFixed(1)} %)`);
    expect(impact.baseline).toBeGreaterThan(60);
    expect(impact.withPlan).toBeLessThanOrEqual(0.9 * impact.baseline);
  });

  it('a demand-response plan keeps a feeder under capacity through its evening peak', async () => {
    // A cold Wednesday (about −2 °C): ss03-f5 goes over its rating around 19:00 without help.
    const w = worldAt('2027-02-03T16:45:00Z');
    const grid = w.grid;
    if (!grid) throw new Error('no grid');
    const fi = grid.model.network.feeders.findIndex((f) => f.id === 'ss03-f5');
    const capacity = grid.model.network.feeders[fi].capacityKw;
    const start = Date.parse('2027-02-03T17:00:00Z');
    // The forecast: the twin run forward without a plan (a perfect forecast; the optimiser is not under test).
    const base = w.fork();
    const need = new Array<number>(16).fill(0);
    const ev = new Array<number>(16).fill(Infinity);
    while (base.time < start + 16 * RESPONSE_STEP_MS) {
      base.step();
      const q = Math.floor((base.time - start) / RESPONSE_STEP_MS);
      if (q < 0 || q >= 16) continue;
      need[q] = Math.max(need[q], (base.grid?.sim.netKw[fi] ?? 0) - 0.95 * capacity);
      ev[q] = Math.min(ev[q], base.grid?.sim.evKw[fi] ?? 0);
    }
    expect(Math.max(...need)).toBeGreaterThan(0.05 * capacity);
    const steps = need.map((kw, q) => {
      const cut = Math.max(0, kw);
      const shiftEvKw = Math.min(cut, ev[q]);
      return { shedKw: Math.round(cut - shiftEvKw + 1), shiftEvKw: Math.round(shiftEvKw), batteryKw: 0 };
    });
    const plan: ActionPlan = { kind: 'demand-response', feederId: 'ss03-f5', start: new Date(start).toISOString(), steps, durationMin: 240 };
    const impact = await whatIf(w, plan, 240);
    const inWindow = impact.series.filter((p) => p.minute > 15);
    const overBase = impact.measures?.find((m) => m.label === 'Minutes over capacity');
    console.log(`feeder ss03-f5 peak ${impact.baseline} → ${impact.withPlan} kW (capacity ${capacity} kW); minutes over ${overBase?.baseline} → ${overBase?.withPlan}`);
    expect(Math.max(...inWindow.map((p) => p.baseline))).toBeGreaterThan(capacity);
    expect(Math.max(...inWindow.map((p) => p.withPlan))).toBeLessThan(capacity);
  });

  it('a traffic restriction around a station lowers its NO2', async () => {
    const w = worldAt('2026-11-16T08:00:00Z');
    const air = w.air;
    if (!air) throw new Error('no air twin');
    // The kerbside station reading most NO2 now, and the streets within 350 m of it.
    const s = air.cleanReadings().reduce((best, r, k) => (air.stations[k].kind === 'traffic' && r.no2 > air.cleanReadings()[best].no2 ? k : best), 0);
    const st = air.stations[s];
    const near = city.segments.filter((seg) => seg.xy.some(([x, y]) => Math.hypot(x - st.x, y - st.y) < 350)).map((seg) => seg.id);
    const plan: ActionPlan = { kind: 'traffic-restriction', stationId: st.id, segments: near, reduction: 0.6, durationMin: 60 };
    const impact = await whatIf(w, plan, 60);
    console.log(`NO2 at ${st.id}: ${impact.baseline} → ${impact.withPlan} µg/m³ over 60 min, ${near.length} segments restricted`);
    expect(impact.withPlan).toBeLessThan(impact.baseline - 1);
  });
});
