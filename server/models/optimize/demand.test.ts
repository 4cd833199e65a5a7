import { describe, expect, it } from 'vitest';
import { designFlowVph, queuedVehicles } from './demand';

// One lane, 300 m, 1,800 veh/h at 50 km/h: critical density 36 veh/km, occupancy 0.234.
const segment = { lanes: 1, lengthM: 300, capacityVph: 1800, freeFlowKmh: 50 };

describe('design flow of a signal approach', () => {
  it('counts no queue below the critical density', () => {
    expect(queuedVehicles(segment, 0.2)).toBe(0);
  });

  it('counts the vehicles standing beyond the critical density', () => {
    // 0.65 occupancy = 100 veh/km; 64 veh/km over critical on 0.3 km.
    expect(queuedVehicles(segment, 0.65)).toBeCloseTo(19.2, 6);
  });

  it('takes the larger of the flow now and forecast and adds the queue cleared in 15 minutes', () => {
    expect(designFlowVph(segment, { flowVph: 700, occupancy: 0.65 }, 900)).toBeCloseTo(900 + 19.2 * 4, 6);
  });

  it('falls back to the forecast alone when the segment has no reading', () => {
    expect(designFlowVph(segment, undefined, 500)).toBe(500);
  });
});
