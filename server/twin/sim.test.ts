import { describe, expect, it } from 'vitest';
import { generateCity, type City } from './city';
import { runUntil } from './history';
import { TrafficSim } from './sim';

const MONDAY = Date.parse('2026-11-16T00:00:00Z');
const SATURDAY = Date.parse('2026-11-21T00:00:00Z');
const HOUR = 3600_000;
const city = (): City => generateCity({ seed: 3, size: 2000 });

const meanSpeedRatio = (c: City, sim: TrafficSim) =>
  c.segments.reduce((sum, s, i) => sum + sim.speedKmh[i] / s.freeFlowKmh, 0) / c.segments.length;

describe('the traffic simulation', () => {
  it('conserves vehicles: what is on the roads changes only by trips started and ended', () => {
    const c = city();
    const sim = new TrafficSim(c, { seed: 3, start: MONDAY + 7 * HOUR });
    for (let k = 0; k < 200; k++) {
      const before = sim.totalVehicles();
      sim.step();
      expect(sim.totalVehicles()).toBeCloseTo(before + sim.last.entered - sim.last.exited, 6);
    }
    expect(sim.totalVehicles()).toBeGreaterThan(0);
  });

  it('conserves vehicles across every junction', () => {
    const c = city();
    const sim = new TrafficSim(c, { seed: 3, start: MONDAY + 7 * HOUR });
    runUntil(sim, MONDAY + 8 * HOUR);
    const into = new Float64Array(c.nodes.length);
    const outOf = new Float64Array(c.nodes.length);
    c.segments.forEach((s, i) => {
      into[s.to] += sim.outflow[i] - sim.sunk[i];
      outOf[s.from] += sim.junctionIn[i];
    });
    for (let v = 0; v < c.nodes.length; v++) expect(outOf[v]).toBeCloseTo(into[v], 9);
  });

  it('keeps speeds between standstill and free flow, and occupancy between 0 and 1', () => {
    const c = city();
    const sim = new TrafficSim(c, { seed: 3, start: MONDAY + 6 * HOUR });
    for (let k = 0; k < 1080; k++) {
      sim.step();
      if (k % 60 !== 0) continue;
      c.segments.forEach((s, i) => {
        expect(sim.speedKmh[i]).toBeGreaterThanOrEqual(0);
        expect(sim.speedKmh[i]).toBeLessThanOrEqual(s.freeFlowKmh);
        expect(sim.occupancy[i]).toBeGreaterThanOrEqual(0);
        expect(sim.occupancy[i]).toBeLessThanOrEqual(1);
        expect(sim.vehicles[i]).toBeGreaterThanOrEqual(0);
      });
    }
  });

  it('is deterministic for a seed', () => {
    const c = city();
    const a = new TrafficSim(c, { seed: 11, start: MONDAY + 7 * HOUR });
    const b = new TrafficSim(c, { seed: 11, start: MONDAY + 7 * HOUR });
    runUntil(a, MONDAY + 8 * HOUR);
    runUntil(b, MONDAY + 8 * HOUR);
    expect(Array.from(b.speedKmh)).toEqual(Array.from(a.speedKmh));
    expect(Array.from(b.vehicles)).toEqual(Array.from(a.vehicles));
  });

  it('is slower in the weekday morning peak than at night', () => {
    const c = city();
    const sim = new TrafficSim(c, { seed: 3, start: MONDAY });
    runUntil(sim, MONDAY + 3 * HOUR);
    const night = meanSpeedRatio(c, sim);
    runUntil(sim, MONDAY + 8 * HOUR);
    expect(meanSpeedRatio(c, sim)).toBeLessThan(night - 0.03);
  });

  it('is less congested on a Saturday morning than on a weekday morning', () => {
    const c = city();
    const weekday = new TrafficSim(c, { seed: 3, start: MONDAY + 4 * HOUR });
    const saturday = new TrafficSim(c, { seed: 3, start: SATURDAY + 4 * HOUR });
    runUntil(weekday, MONDAY + 8 * HOUR);
    runUntil(saturday, SATURDAY + 8 * HOUR);
    expect(meanSpeedRatio(c, saturday)).toBeGreaterThan(meanSpeedRatio(c, weekday));
  });

  it('backs a queue up the street feeding a blocked segment', () => {
    const c = city();
    // The busiest arterial segment that still flows freely, and the one before it on the same street.
    const open = new TrafficSim(c, { seed: 3, start: MONDAY + 7 * HOUR });
    runUntil(open, MONDAY + 7.5 * HOUR);
    const feederOf = (k: number) =>
      c.segments.findIndex((s) => s.to === c.segments[k].from && s.from !== c.segments[k].to && s.name === c.segments[k].name);
    let blocked = -1;
    c.segments.forEach((b, k) => {
      if (b.roadClass !== 'primary' || feederOf(k) < 0 || open.occupancy[k] > 0.15) return;
      if (blocked < 0 || open.flowVph[k] > open.flowVph[blocked]) blocked = k;
    });
    const feeder = feederOf(blocked);
    const closed = new TrafficSim(c, { seed: 3, start: MONDAY + 7 * HOUR });
    closed.addIncident(blocked, 0, HOUR);
    runUntil(closed, MONDAY + 7.5 * HOUR);
    expect(closed.vehicles[blocked]).toBeGreaterThan(open.vehicles[blocked]);
    expect(closed.vehicles[feeder]).toBeGreaterThan(open.vehicles[feeder] * 1.5);
    expect(closed.speedKmh[feeder]).toBeLessThan(open.speedKmh[feeder]);
  });

  it('starts incidents of its own, the same for a seed, each cutting capacity by 50–90 % for 10–60 minutes', () => {
    const c = city();
    const seen = (sim: TrafficSim) => {
      const found = new Map<string, { factor: number; minutes: number }>();
      while (sim.time < MONDAY + 6 * HOUR) {
        sim.step();
        for (const inc of sim.incidents) {
          const key = `${inc.segment}@${inc.until}`;
          if (!found.has(key)) found.set(key, { factor: inc.capacityFactor, minutes: (inc.until - sim.time + 10_000) / 60_000 });
          // While it lasts, no more leaves the segment than its cut capacity allows.
          expect(sim.flowVph[inc.segment]).toBeLessThanOrEqual(inc.capacityFactor * c.segments[inc.segment].capacityVph + 1);
          expect(sim.capacityFactor[inc.segment]).toBe(inc.capacityFactor);
        }
      }
      return found;
    };
    const a = seen(new TrafficSim(c, { seed: 3, start: MONDAY }));
    expect(a.size).toBeGreaterThanOrEqual(3);
    for (const { factor, minutes } of a.values()) {
      expect(factor).toBeGreaterThanOrEqual(0.1);
      expect(factor).toBeLessThanOrEqual(0.5);
      expect(minutes).toBeGreaterThanOrEqual(10 - 0.2);
      expect(minutes).toBeLessThanOrEqual(60);
    }
    expect([...seen(new TrafficSim(c, { seed: 3, start: MONDAY })).keys()]).toEqual([...a.keys()]);
  });

  it('restores a segment’s capacity when its incident clears', () => {
    const c = city();
    const sim = new TrafficSim(c, { seed: 3, start: MONDAY + 7 * HOUR });
    sim.addIncident(10, 0.2, 10 * 60_000);
    expect(sim.capacityFactor[10]).toBe(0.2);
    runUntil(sim, MONDAY + 7 * HOUR + 11 * 60_000);
    expect(sim.capacityFactor[10]).toBe(1);
    expect(sim.incidents.some((i) => i.segment === 10)).toBe(false);
  });
});
