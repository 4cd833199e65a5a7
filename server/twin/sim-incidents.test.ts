import { describe, expect, it } from 'vitest';
import { generateCity, type City } from './city';
import { runUntil } from './history';
import { crowdAt, plannedIncidents, venuesOf } from './incident-plan';
import { TrafficSim, type Incident } from './sim';

const MONDAY = Date.parse('2026-11-16T00:00:00Z');
const HOUR = 3600_000;
const MINUTE = 60_000;
const city = (): City => generateCity({ seed: 3, size: 2000 });

/** Every incident that started while the sim ran from `from` to `to`, by id. */
function incidentsBetween(c: City, from: number, to: number, seed = 3): Map<string, Incident> {
  const sim = new TrafficSim(c, { seed, start: from });
  const seen = new Map<string, Incident>();
  while (sim.time < to) {
    sim.step();
    for (const inc of sim.incidents) if (!seen.has(inc.id)) seen.set(inc.id, inc);
  }
  return seen;
}

describe('incidents in the traffic simulation', () => {
  it('gives crashes a deeper capacity cut than breakdowns, each lasting minutes, not hours', () => {
    const c = city();
    const found = [...incidentsBetween(c, MONDAY + 6 * HOUR, MONDAY + 10 * HOUR).values()];
    const crashes = found.filter((i) => i.kind === 'crash');
    const breakdowns = found.filter((i) => i.kind === 'breakdown');
    expect(crashes.length).toBeGreaterThan(2);
    expect(breakdowns.length).toBeGreaterThan(2);
    for (const i of crashes) expect(i.capacityFactor).toBeLessThanOrEqual(0.35);
    for (const i of breakdowns) expect(i.capacityFactor).toBeGreaterThanOrEqual(0.35);
    for (const i of [...crashes, ...breakdowns]) {
      expect(i.until - i.start).toBeGreaterThanOrEqual(10 * MINUTE);
      expect(i.until - i.start).toBeLessThanOrEqual(60 * MINUTE);
      expect(i.description).toContain(c.segments[i.segment].name);
    }
  });

  it('has more crashes and breakdowns in the morning rush hour than at night', () => {
    const c = city();
    const random = (m: Map<string, Incident>) => [...m.values()].filter((i) => i.kind === 'crash' || i.kind === 'breakdown').length;
    const night = random(incidentsBetween(c, MONDAY + 1 * HOUR, MONDAY + 4 * HOUR));
    const rush = random(incidentsBetween(c, MONDAY + 6.5 * HOUR, MONDAY + 9.5 * HOUR));
    expect(rush).toBeGreaterThan(night * 1.5);
  });

  it('plans roadworks in the daytime, hours long, with one lane closed', () => {
    const c = city();
    const works = plannedIncidents(c, c.seed, MONDAY).filter((p) => p.kind === 'roadworks');
    expect(works.length).toBeGreaterThan(0);
    for (const w of works) {
      const s = c.segments[w.segment];
      expect(w.start).toBeGreaterThanOrEqual(MONDAY + 8.5 * HOUR);
      expect(w.until).toBeLessThanOrEqual(MONDAY + 19 * HOUR);
      expect(w.until - w.start).toBeGreaterThanOrEqual(HOUR);
      if (s.lanes > 1) expect(w.capacityFactor).toBeCloseTo(((s.lanes - 1) / s.lanes) * 0.9, 2);
      else expect(w.capacityFactor).toBeLessThan(0.5);
    }
  });

  it('plans events in the evening at a venue, cutting capacity on the streets around it', () => {
    const c = city();
    const venues = venuesOf(c, c.seed);
    expect(venues.length).toBeGreaterThanOrEqual(2);
    const events = Array.from({ length: 7 }, (_, d) => plannedIncidents(c, c.seed, MONDAY + d * 24 * HOUR, venues))
      .flat()
      .filter((p) => p.kind === 'event');
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      const hour = new Date(e.start).getUTCHours();
      expect(hour).toBeGreaterThanOrEqual(18);
      expect(hour).toBeLessThanOrEqual(19);
      expect(e.segments.length).toBeGreaterThan(1);
      expect(venues.some((v) => v.segments[0] === e.segment)).toBe(true);
      expect(e.capacityFactor).toBeGreaterThanOrEqual(0.6);
      expect(e.capacityFactor).toBeLessThanOrEqual(0.8);
      expect(e.demandFactor).toBeGreaterThan(1);
    }
  });

  it('brings extra trips to the streets around an event as its crowd arrives', () => {
    const c = city();
    const event = Array.from({ length: 7 }, (_, d) => plannedIncidents(c, c.seed, MONDAY + d * 24 * HOUR))
      .flat()
      .filter((p) => p.kind === 'event')
      .sort((a, b) => b.demandFactor - a.demandFactor)[0];
    const sim = new TrafficSim(c, { seed: 3, start: event.start - 2 * HOUR });
    const startsPerStep = (from: number, to: number) => {
      let sum = 0;
      let steps = 0;
      runUntil(sim, from);
      while (sim.time < to) {
        sim.step();
        for (const s of event.segments) sum += sim.sourceIn[s];
        steps++;
      }
      return sum / steps;
    };
    const before = startsPerStep(event.start - HOUR, event.start);
    const arriving = startsPerStep(event.start + 10 * MINUTE, event.start + 50 * MINUTE);
    expect(sim.demandFactor[event.segments[1]]).toBe(crowdAt(event, sim.time));
    expect(sim.capacityFactor[event.segment]).toBeLessThanOrEqual(event.capacityFactor);
    expect(arriving).toBeGreaterThan(before * 1.3);
  });

  it('plans the same roadworks and events for a day whenever a simulation of the city starts', () => {
    const c = city();
    const active = (start: number) => {
      const sim = new TrafficSim(c, { seed: 99, start });
      runUntil(sim, MONDAY + 12 * HOUR);
      return sim.incidents.filter((i) => i.kind === 'roadworks').map((i) => i.id).sort();
    };
    const early = active(MONDAY + 6 * HOUR);
    expect(early.length).toBeGreaterThan(0);
    expect(active(MONDAY + 11 * HOUR)).toEqual(early);
  });

  it('starts the same incidents for the same seed', () => {
    const c = city();
    const a = [...incidentsBetween(c, MONDAY + 7 * HOUR, MONDAY + 9 * HOUR).values()];
    const b = [...incidentsBetween(c, MONDAY + 7 * HOUR, MONDAY + 9 * HOUR).values()];
    expect(b).toEqual(a);
  });

  it('keeps the lowest capacity where two incidents overlap, and restores it when both end', () => {
    const c = city();
    const sim = new TrafficSim(c, { seed: 3, start: MONDAY + 2 * HOUR });
    sim.addIncident(10, 0.6, 20 * MINUTE, { kind: 'roadworks' });
    const crash = sim.addIncident(10, 0.2, 10 * MINUTE);
    expect(crash.kind).toBe('crash');
    expect(crash.severity).toBe('high');
    expect(sim.capacityFactor[10]).toBe(0.2);
    runUntil(sim, MONDAY + 2 * HOUR + 11 * MINUTE);
    expect(sim.capacityFactor[10]).toBe(0.6);
    runUntil(sim, MONDAY + 2 * HOUR + 21 * MINUTE);
    expect(sim.capacityFactor[10]).toBe(1);
  });
});
