import { describe, expect, it } from 'vitest';
import type { ScheduledTrip } from '@/lib/gtfs/schedule';
import { DelayTrends, propagateDelay } from './predict';

const DAY = Date.parse('2026-11-17T00:00:00Z');
const H8 = 8 * 3600;
// Four stops five minutes apart, one minute of dwell at the middle ones.
const trip: ScheduledTrip = {
  index: 0,
  id: 'T1',
  routeId: 'R1',
  serviceId: 'WK',
  shapeId: null,
  headsign: 'Church Road',
  directionId: 0,
  stopIds: ['A', 'B', 'C', 'D'],
  stopSequences: [1, 2, 3, 4],
  arrivals: [H8, H8 + 300, H8 + 660, H8 + 1020],
  departures: [H8, H8 + 360, H8 + 720, H8 + 1020],
} as ScheduledTrip;
const at = (s: number) => DAY + s * 1000;

describe('propagateDelay', () => {
  it('carries the current delay unchanged to every later stop when buses lose no time', () => {
    const d = propagateDelay(trip, DAY, { stopIndex: 1, stopped: false, delayS: 120, atMs: at(H8 + 200) }, () => 0);
    expect(d).toEqual([120, 120, 120]);
  });

  it('adds the time lost per scheduled second of running on each leg ahead', () => {
    // 50 s of the 300 s leg to B remain by the timetable (the bus is at 200 + 120 late = 320 − 120).
    const d = propagateDelay(trip, DAY, { stopIndex: 1, stopped: false, delayS: 120, atMs: at(H8 + 320) }, () => 0.1);
    expect(d.map(Math.round)).toEqual([130, 160, 190]);
  });

  it('lets an early bus wait at the next stop instead of staying early', () => {
    const d = propagateDelay(trip, DAY, { stopIndex: 1, stopped: false, delayS: -90, atMs: at(H8 + 100) }, () => 0);
    expect(d).toEqual([-90, 0, 0]);
  });

  it('starts from the next stop when the bus stands at one', () => {
    const d = propagateDelay(trip, DAY, { stopIndex: 1, stopped: true, delayS: 60, atMs: at(H8 + 400) }, () => 0);
    expect(d).toEqual([60, 60]);
  });
});

describe('DelayTrends', () => {
  it('learns how fast a route’s buses lose time from successive delays of a trip', () => {
    const t = new DelayTrends();
    t.observe('T1', 'R1', 60, at(H8));
    t.observe('T1', 'R1', 90, at(H8 + 60));
    // 30 s lost in a minute: 30 scheduled seconds took 60, one second lost per scheduled second.
    expect(t.rate('R1', at(H8 + 60), 0)).toBeCloseTo(1);
  });

  it('counts a bus stuck in a jam by the time it lost, not as an endless rate', () => {
    const t = new DelayTrends();
    t.observe('T1', 'R1', 60, at(H8));
    t.observe('T1', 'R1', 120, at(H8 + 60));
    t.observe('T2', 'R1', 0, at(H8));
    t.observe('T2', 'R1', 0, at(H8 + 60));
    // Moving averages (weight 0.15 for the newer) of lost and elapsed time: 51 s lost in 60, of
    // which 9 were scheduled running; a mean of the two trips' own rates would be infinite.
    expect(t.rate('R1', at(H8 + 60), 0)).toBeCloseTo(51 / 9);
  });

  it('knows nothing of a route it has not seen', () => {
    const t = new DelayTrends();
    t.observe('T1', 'R1', 60, at(H8));
    t.observe('T1', 'R1', 90, at(H8 + 60));
    expect(t.rate('R2', at(H8), 0)).toBe(0);
  });

  it('takes no sample from an early bus waiting for its time', () => {
    const t = new DelayTrends();
    t.observe('T1', 'R1', -120, at(H8));
    t.observe('T1', 'R1', 0, at(H8 + 60));
    expect(t.rate('R1', at(H8), 0)).toBe(0);
  });

  it('ignores changes over too short a time to measure', () => {
    const t = new DelayTrends();
    t.observe('T1', 'R1', 0, at(H8));
    t.observe('T1', 'R1', 10, at(H8 + 5));
    expect(t.rate('R1', at(H8), 0)).toBe(0);
  });

  it('trusts the usual rate at that hour more than the current one for legs far ahead', () => {
    const t = new DelayTrends();
    // Yesterday at 09:00 buses on R1 lost half a second a second (one per scheduled second), ten samples' worth.
    for (let i = 0; i < 10; i++) {
      t.observe(`Y${i}`, 'R1', 0, at(H8 + 3600 - 86_400 + i));
      t.observe(`Y${i}`, 'R1', 30, at(H8 + 3660 - 86_400 + i));
    }
    // Today so far (at 08:00) they lose nothing.
    for (let i = 0; i < 30; i++) {
      t.observe(`T${i}`, 'R1', 0, at(H8 + i));
      t.observe(`T${i}`, 'R1', 0, at(H8 + 60 + i));
    }
    const now = t.rate('R1', at(H8 + 3600), 0);
    const later = t.rate('R1', at(H8 + 3600), 3600);
    expect(later).toBeGreaterThan(now);
    expect(later).toBeLessThan(1);
  });
});
