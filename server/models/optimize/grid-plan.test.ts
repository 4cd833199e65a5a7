import { describe, expect, it } from 'vitest';
import { COST_PER_KWH, FLEXIBLE_SHARE, planDemandResponse, STEP_MIN, type GridPlanInput } from './grid-plan';

const STEP_H = STEP_MIN / 60;
// A 1,000 kW feeder (limit 950 kW) with an evening peak 150 kW over the limit for an hour.
const peak: GridPlanInput = {
  capacityKw: 1000,
  loadKw: [900, 1000, 1100, 1100, 1100, 1100, 1000, 900],
  evKw: [40, 40, 40, 40, 40, 40, 40, 40],
  battery: { powerKw: 100, energyKwh: 60 },
};

describe('least-cost demand response', () => {
  it('keeps every step at or under 95 % of capacity', () => {
    const r = planDemandResponse(peak);
    expect(r.limitKw).toBe(950);
    for (const kw of r.afterKw) expect(kw).toBeLessThanOrEqual(950 + 1e-9);
  });

  it('does nothing in steps already under the limit', () => {
    const r = planDemandResponse(peak);
    expect(r.steps[0]).toEqual({ batteryKw: 0, shiftEvKw: 0, shedKw: 0 });
    expect(r.steps[7]).toEqual({ batteryKw: 0, shiftEvKw: 0, shedKw: 0 });
  });

  it('never discharges the battery beyond its power in a step or its energy over the plan', () => {
    const r = planDemandResponse(peak);
    for (const s of r.steps) expect(s.batteryKw).toBeLessThanOrEqual(100);
    expect(r.energyKwh.battery).toBeLessThanOrEqual(60 + 1e-9);
    expect(r.energyKwh.battery).toBeCloseTo(60, 6);
  });

  it('uses the battery before shifting EV charging and shifts before shedding when the battery suffices', () => {
    const r = planDemandResponse({ ...peak, loadKw: [1000, 1000], battery: { powerKw: 100, energyKwh: 100 } });
    expect(r.steps).toEqual([
      { batteryKw: 50, shiftEvKw: 0, shedKw: 0 },
      { batteryKw: 50, shiftEvKw: 0, shedKw: 0 },
    ]);
  });

  it('spends scarce battery energy where it replaces shedding, not EV shifting', () => {
    // Step 0 needs 30 kW (EV covers it), step 1 needs 130 kW (EV 40, shed 90): 15 kWh of battery
    // is worth more against the shed in step 1.
    const r = planDemandResponse({ capacityKw: 1000, loadKw: [980, 1080], evKw: [40, 40], battery: { powerKw: 200, energyKwh: 15 } });
    expect(r.steps[0].batteryKw).toBe(0);
    expect(r.steps[1].batteryKw).toBe(60);
    expect(r.steps[1].shedKw).toBe(30);
  });

  it('costs no more than any other split of the same overload (checked against a brute-force grid)', () => {
    const input: GridPlanInput = { capacityKw: 1000, loadKw: [1010, 1060, 1120], evKw: [30, 30, 30], battery: { powerKw: 80, energyKwh: 25 } };
    const r = planDemandResponse(input);
    let best = Infinity;
    // Battery kW per step on a 1-kW grid; EV then shed fill the rest (cheaper first).
    for (let a = 0; a <= 80; a++)
      for (let b = 0; b <= 80; b++)
        for (let c = 0; c <= 80; c++) {
          if ((a + b + c) * STEP_H > 25 + 1e-9) continue;
          let cost = 0;
          let ok = true;
          [a, b, c].forEach((bat, t) => {
            const over = Math.max(0, input.loadKw[t] - 950 - bat);
            const ev = Math.min(over, 30);
            const shed = over - ev;
            if (shed > input.loadKw[t] * FLEXIBLE_SHARE) ok = false;
            cost += (bat * COST_PER_KWH.battery + ev * COST_PER_KWH.shiftEv + shed * COST_PER_KWH.shed) * STEP_H;
          });
          if (ok) best = Math.min(best, cost);
        }
    expect(r.costEur).toBeLessThanOrEqual(best + 1e-6);
  });

  it('reports what it cannot cover when even shedding all flexible load is not enough', () => {
    const r = planDemandResponse({ capacityKw: 1000, loadKw: [1400], evKw: [0], battery: null });
    expect(r.steps[0].shedKw).toBeCloseTo(1400 * FLEXIBLE_SHARE, 6);
    expect(r.residualKw[0]).toBeCloseTo(450 - 210, 6);
  });
});
