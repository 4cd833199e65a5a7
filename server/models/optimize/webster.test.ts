import { describe, expect, it } from 'vitest';
import { intersectionTimingSchema } from '@/lib/protocol/actuation';
import { greenStart } from '../../twin/signals';
import { corridorTimings, greenWaveOffsets, phaseStartS, splitGreens, timingAtCycle, websterOptimumCycle, websterTiming, type PhaseDemand } from './webster';

const phase = (id: string, flowVph: number, saturationVph: number): PhaseDemand => ({ approaches: [{ id, flowVph, saturationVph }] });

describe('Webster timing', () => {
  // Khanna & Justo, Highway Engineering (signal design): flows 500 and 300 pcu/h, saturation
  // 1600 pcu/h each, total lost time 16 s → C0 = (1.5·16 + 5)/(1 − 0.5) = 58 s.
  it('gives the textbook optimum cycle of 58 s for Y = 0.5 and L = 16 s', () => {
    const t = websterTiming([phase('a', 500, 1600), phase('b', 300, 1600)], 8);
    expect(t.Y).toBeCloseTo(0.5, 10);
    expect(t.optimumS).toBeCloseTo(58, 10);
    expect(t.cycleS).toBeCloseTo(58, 10);
  });

  // GATE CE two-phase example: N–S 1000 of 2500 veh/h (y 0.4), E–W 900 of 3000 (y 0.3), L = 12 s
  // → C0 = 23 / 0.3 = 76.7 ≈ 77 s; greens (y/Y)(C − L) = 37.5 s and 28.1 s.
  it('splits the effective green of the GATE example in proportion to the critical flow ratios', () => {
    const t = websterTiming([phase('ns', 1000, 2500), phase('ew', 900, 3000)], 6);
    expect(t.cycleS).toBeCloseTo(76.67, 2);
    expect(t.phases[0].greenS).toBeCloseTo((0.4 / 0.7) * (76.667 - 12), 2);
    expect(t.phases[1].greenS).toBeCloseTo((0.3 / 0.7) * (76.667 - 12), 2);
    expect(t.phases[0].greenS + t.phases[1].greenS + t.lostTimeS).toBeCloseTo(t.cycleS, 9);
  });

  it('takes the largest flow ratio of a phase as its critical one', () => {
    const t = websterTiming([{ approaches: [{ id: 'n', flowVph: 400, saturationVph: 1800 }, { id: 's', flowVph: 900, saturationVph: 1800 }] }, phase('e', 360, 1800)]);
    expect(t.phases[0].y).toBeCloseTo(0.5, 10);
    expect(t.Y).toBeCloseTo(0.7, 10);
  });

  it('clamps a light intersection to a 40 s cycle', () => {
    expect(websterTiming([phase('a', 50, 1800), phase('b', 50, 1800)]).cycleS).toBe(40);
  });

  it('clamps an intersection at or over capacity to 150 s and says it is oversaturated', () => {
    const t = websterTiming([phase('a', 1500, 1800), phase('b', 900, 1800)]);
    expect(websterOptimumCycle(8, 1.3)).toBe(Infinity);
    expect(t.cycleS).toBe(150);
    expect(t.oversaturated).toBe(true);
  });

  it('gives every phase at least 5 s of green and keeps the cycle whole', () => {
    const greens = splitGreens([0.6, 0.001, 0.001], 60, 12);
    expect(Math.min(...greens)).toBeGreaterThanOrEqual(5);
    expect(greens.reduce((s, g) => s + g, 0)).toBeCloseTo(48, 9);
  });

  it('re-splits the greens at a longer common cycle in the same proportions', () => {
    const t = timingAtCycle([phase('a', 600, 1800), phase('b', 300, 1800)], 90);
    expect(t.phases[0].greenS / t.phases[1].greenS).toBeCloseTo(2, 9);
    expect(t.phases[0].greenS + t.phases[1].greenS).toBeCloseTo(82, 9);
  });
});

describe('green-wave offsets', () => {
  const timing = timingAtCycle([phase('a', 600, 1800), phase('b', 300, 1800)], 90);

  it('offsets each intersection by the travel time from the first, modulo the cycle', () => {
    const stops = [0, 40, 70].map((travelTimeS) => ({ timing, corridorPhase: 0, travelTimeS }));
    expect(greenWaveOffsets(stops, 90)).toEqual([0, 40, 20]);
  });

  it('shifts the offset back by the start of the corridor phase when the corridor is not served first', () => {
    const stops = [
      { timing, corridorPhase: 0, travelTimeS: 0 },
      { timing, corridorPhase: 1, travelTimeS: 30 },
    ];
    const start = phaseStartS(timing, 1);
    expect(start).toBeCloseTo(timing.phases[0].greenS + 4, 9);
    expect(greenWaveOffsets(stops, 90)[1]).toBeCloseTo((((30 - start) % 90) + 90) % 90, 1);
  });
});

describe('corridor timings', () => {
  it('runs the whole corridor on the largest cycle of its intersections and passes the plan schema', () => {
    const r = corridorTimings([
      { intersectionId: 'j1', phases: [phase('a', 900, 1800), phase('b', 300, 1800)], corridorPhase: 0, travelTimeS: 0 },
      { intersectionId: 'j2', phases: [phase('c', 300, 1800), phase('d', 200, 1800)], corridorPhase: 0, travelTimeS: 25 },
    ]);
    expect(r.cycleS).toBeCloseTo(websterTiming([phase('a', 900, 1800), phase('b', 300, 1800)]).cycleS, 1);
    expect(r.timings.every((t) => t.cycleS === r.cycleS)).toBe(true);
    expect(r.timings[1].offsetS).toBe(25);
    for (const t of r.timings) expect(intersectionTimingSchema.safeParse(t).success).toBe(true);
  });

  it('makes the corridor phase turn green, by the twin’s reckoning, when the platoon from the previous signal arrives', () => {
    const r = corridorTimings([
      { intersectionId: 'j1', phases: [phase('x1', 300, 1800), phase('a', 900, 1800)], corridorPhase: 1, travelTimeS: 0 },
      { intersectionId: 'j2', phases: [phase('c', 600, 1800), phase('x2', 200, 1800)], corridorPhase: 0, travelTimeS: 37 },
    ]);
    const [t1, t2] = r.timings;
    const arrival = (greenStart(t1, 1) + 37) % r.cycleS;
    expect(greenStart(t2, 0)).toBeCloseTo(arrival, 0);
  });
});
