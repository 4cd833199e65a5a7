import { describe, expect, it } from 'vitest';
import { spreadOf, trafficDeadBand, trafficWithinDeadBand } from './dead-band';
import type { TrafficReading } from './traffic';

const at = (s: number) => new Date(Date.parse('2026-11-23T08:00:00Z') + s * 1000).toISOString();
const r = (speedKmh: number, flowVph = 600, occupancy = 0.1, s = 0): TrafficReading => ({ speedKmh, flowVph, occupancy, observedAt: at(s) });

describe('the traffic dead-band', () => {
  it('holds back a reading whose speed, flow and occupancy barely moved', () => {
    expect(trafficWithinDeadBand(r(30), r(30.9, 620, 0.11, 10), 's1')).toBe(true);
  });

  it('sends a speed change of 1 km/h or more', () => {
    expect(trafficWithinDeadBand(r(30), r(31, 600, 0.1, 10), 's1')).toBe(false);
  });

  it('sends a flow change of a tenth of the last flow when that is above 50 veh/h', () => {
    expect(trafficWithinDeadBand(r(30, 1000), r(30, 1099, 0.1, 10), 's1')).toBe(true);
    expect(trafficWithinDeadBand(r(30, 1000), r(30, 1100, 0.1, 10), 's1')).toBe(false);
  });

  it('sends a flow change of 50 veh/h on a quiet segment', () => {
    expect(trafficWithinDeadBand(r(30, 100), r(30, 150, 0.1, 10), 's1')).toBe(false);
  });

  it('sends an occupancy change of 0.02 or more', () => {
    expect(trafficWithinDeadBand(r(30, 600, 0.1), r(30, 600, 0.13, 10), 's1')).toBe(false);
  });

  it('sends an unchanged reading again once the last sent one is older than the maximum age', () => {
    expect(trafficWithinDeadBand(r(30), r(30, 600, 0.1, trafficDeadBand.maxAgeMs / 1000), 's1')).toBe(false);
  });

  it('spreads the maximum age between half and all of it by id', () => {
    const spreads = Array.from({ length: 1000 }, (_, i) => spreadOf(`s${i}`));
    expect(Math.min(...spreads)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...spreads)).toBeLessThan(1);
    expect(new Set(spreads.map((x) => Math.floor(x * 10))).size).toBe(10);
  });
});
