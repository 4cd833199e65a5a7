import { describe, expect, it } from 'vitest';
import type { ActionPlan, IntersectionTiming } from '@/lib/protocol/actuation';
import { generateCity } from '../city';
import { World } from '../world';

const city = generateCity({ seed: 7, size: 800 });
const START = Date.parse('2026-11-16T07:00:00Z');
const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

const world = () => new World(city, { seed: 7, start: START });
/** The first signalised intersection, retimed to favour its first phase. */
function retiming(w: World, greens: [number, number], durationMin = 30): { plan: ActionPlan; timing: IntersectionTiming } {
  const x = w.actuator.intersections()[0];
  const timing: IntersectionTiming = { ...x.timing, cycleS: 100, offsetS: 12, phases: x.timing.phases.map((p, k) => ({ ...p, greenS: greens[k] })) };
  return { plan: { kind: 'signal-retiming', corridor: [], intersections: [timing], durationMin }, timing };
}

describe('actuation in the twin', () => {
  it('carries an action out once, however many times it is sent', () => {
    const w = world();
    const { plan, timing } = retiming(w, [60, 32]);
    const first = w.actuate(A, plan);
    const other = retiming(w, [30, 62]).plan;
    const again = w.actuate(A, other);
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ ...first, duplicate: true });
    expect(w.actuator.timingOf(timing.intersectionId)).toEqual(timing);
  });

  it('gives a retimed approach its share of green as capacity', () => {
    const w = world();
    const { plan } = retiming(w, [80, 12]);
    const x = w.actuator.intersections()[0];
    const favoured = city.segments.findIndex((s) => s.id === x.timing.phases[0].approaches[0]);
    const outflowOver = (sim: World, steps: number) => {
      let sum = 0;
      for (let k = 0; k < steps; k++) {
        sim.step();
        sum += sim.traffic.outflow[favoured];
      }
      return sum;
    };
    const base = w.fork();
    w.actuate(A, plan);
    // Fill the approach so it discharges at capacity in both runs.
    for (const sim of [w, base]) sim.traffic.vehicles[favoured] = 40;
    expect(outflowOver(w, 6)).toBeGreaterThan(1.2 * outflowOver(base, 6));
  });

  it('rolls back to exactly the timing, capacities and speeds that ran before', () => {
    const w = world();
    const before = w.actuator.intersections().map((x) => x.timing);
    const snapshot = () => JSON.stringify(w.actuator.intersections().map((x) => x.timing));
    const controlsOf = (sim: World) => {
      const probe = sim.fork();
      probe.traffic.vehicles.fill(30);
      probe.step();
      return [...probe.traffic.outflow, ...probe.traffic.speedKmh];
    };
    const untouched = controlsOf(w);
    w.actuate(A, retiming(w, [60, 32]).plan);
    const withA = { timing: snapshot(), outflow: controlsOf(w) };
    w.actuate(B, retiming(w, [30, 62]).plan);
    expect(w.rollback(B)?.state).toBe('rolled-back');
    expect(snapshot()).toBe(withA.timing);
    expect(controlsOf(w)).toEqual(withA.outflow);
    w.rollback(A);
    expect(w.actuator.intersections().map((x) => x.timing)).toEqual(before);
    expect(controlsOf(w)).toEqual(untouched);
  });

  it('ends a plan by itself when its time is up', () => {
    const w = world();
    const { plan, timing } = retiming(w, [60, 32], 5);
    w.actuate(A, plan);
    for (let k = 0; k < 30; k++) w.step();
    expect(w.actuator.status(A)?.state).toBe('ended');
    expect(w.actuator.timingOf(timing.intersectionId)).not.toEqual(timing);
    expect(w.rollback(A)?.state).toBe('ended');
  });

  it('refuses a timing whose greens do not fit its cycle, naming the field, and changes nothing', () => {
    const w = world();
    const before = JSON.stringify(w.actuator.intersections());
    expect(() => w.actuate(A, retiming(w, [90, 90]).plan)).toThrow(/intersections\[0\]\.phases/);
    expect(JSON.stringify(w.actuator.intersections())).toBe(before);
    expect(w.actuator.status(A)).toBeNull();
  });

  it('restricts trips on the restricted segments and lets them go on rollback', () => {
    const w = world();
    const station = w.air?.stations[0];
    if (!station) throw new Error('no station');
    const seg = city.segments[5].id;
    w.actuate(A, { kind: 'traffic-restriction', stationId: station.id, segments: [seg], reduction: 0.7, durationMin: 30 });
    expect(w.traffic.restriction[5]).toBeCloseTo(0.3, 12);
    w.rollback(A);
    expect(w.traffic.restriction[5]).toBe(1);
  });

  it('forks a world that then runs exactly as the original does', () => {
    const w = world();
    for (let k = 0; k < 30; k++) w.step();
    const f = w.fork();
    for (let k = 0; k < 30; k++) {
      w.step();
      f.step();
    }
    expect(Array.from(f.traffic.vehicles)).toEqual(Array.from(w.traffic.vehicles));
    expect(Array.from(f.grid?.sim.netKw ?? [])).toEqual(Array.from(w.grid?.sim.netKw ?? []));
    expect(f.air?.cleanReadings()).toEqual(w.air?.cleanReadings());
  });
});
