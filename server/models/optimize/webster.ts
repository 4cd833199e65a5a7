import { SIGNAL_LOST_TIME_PER_PHASE_S, type IntersectionTiming } from '@/lib/protocol/actuation';

/**
 * Fixed-time signal timing by Webster's method (Webster 1958, Road Research Technical Paper 39)
 * and green-wave offsets from travel times. Pure functions: the optimiser uses them on live flows,
 * the twin's tests on its own.
 *
 * Conventions (the twin follows the same): a cycle is the phases in order, each phase its lost
 * time plus its effective green, so Σ greens + L = C. A phase's effective green begins at the start
 * of the phase; its lost time (start-up plus clearance) closes it. An intersection's offset is when
 * its first phase's green begins, in seconds after the corridor's reference time, modulo the cycle.
 */

export const MIN_CYCLE_S = 40;
export const MAX_CYCLE_S = 150;
/** Start-up plus clearance lost time per phase: the twin checks timings with the same figure. */
export const LOST_TIME_PER_PHASE_S = SIGNAL_LOST_TIME_PER_PHASE_S;
/** The plan schema's smallest green. */
export const MIN_GREEN_S = 5;

export interface ApproachDemand {
  /** Incoming segment id. */
  id: string;
  /** Arriving flow q (veh/h). */
  flowVph: number;
  /** Saturation flow s (veh/h of green). */
  saturationVph: number;
}

export interface PhaseDemand {
  /** The approaches that get green together. */
  approaches: ApproachDemand[];
}

export interface PhaseTiming {
  approaches: string[];
  /** Critical flow ratio of the phase: the largest q/s among its approaches. */
  y: number;
  /** Effective green (s). */
  greenS: number;
}

export interface WebsterTiming {
  cycleS: number;
  /** Webster's unclamped optimum C0 (Infinity when Y ≥ 1). */
  optimumS: number;
  /** Σ y over the phases. */
  Y: number;
  /** Total lost time per cycle (s). */
  lostTimeS: number;
  /** Y so high that the clamped cycle cannot serve the demand (degree of saturation > 1 somewhere). */
  oversaturated: boolean;
  phases: PhaseTiming[];
}

/** C0 = (1.5 L + 5) / (1 − Y); Infinity when the intersection is at or over capacity. */
export function websterOptimumCycle(lostTimeS: number, Y: number): number {
  return Y >= 1 ? Infinity : (1.5 * lostTimeS + 5) / (1 - Y);
}

export const clampCycle = (c: number) => Math.min(MAX_CYCLE_S, Math.max(MIN_CYCLE_S, c));

export function criticalRatio(phase: PhaseDemand): number {
  let y = 0;
  for (const a of phase.approaches) if (a.saturationVph > 0) y = Math.max(y, Math.max(0, a.flowVph) / a.saturationVph);
  return y;
}

/**
 * Greens for a given cycle: g_i = (y_i / Y)(C − L), at least MIN_GREEN_S each (taken from the
 * others in proportion, so Σ g + L stays C). With no demand at all the greens are equal.
 */
export function splitGreens(ys: readonly number[], cycleS: number, lostTimeS: number): number[] {
  const n = ys.length;
  const effective = cycleS - lostTimeS;
  const Y = ys.reduce((s, y) => s + y, 0);
  const share = ys.map((y) => (Y > 0 ? y / Y : 1 / n));
  // Phases below the minimum get it; the rest share what remains by their ratios.
  const fixed = new Set<number>();
  for (;;) {
    const freeShare = share.reduce((s, v, i) => (fixed.has(i) ? s : s + v), 0);
    const left = effective - fixed.size * MIN_GREEN_S;
    const greens = share.map((v, i) => (fixed.has(i) ? MIN_GREEN_S : freeShare > 0 ? (v / freeShare) * left : left / (n - fixed.size)));
    const below = greens.findIndex((g, i) => !fixed.has(i) && g < MIN_GREEN_S);
    if (below < 0) return greens;
    fixed.add(below);
  }
}

/** Webster's cycle (clamped to [40, 150] s) and green split for one intersection. */
export function websterTiming(phases: readonly PhaseDemand[], lostTimePerPhaseS = LOST_TIME_PER_PHASE_S): WebsterTiming {
  const ys = phases.map(criticalRatio);
  const Y = ys.reduce((s, y) => s + y, 0);
  const lostTimeS = lostTimePerPhaseS * phases.length;
  const optimumS = websterOptimumCycle(lostTimeS, Y);
  const cycleS = clampCycle(optimumS);
  return timingAtCycle(phases, cycleS, lostTimePerPhaseS, optimumS);
}

/** The same split at another cycle (a corridor's common cycle). */
export function timingAtCycle(
  phases: readonly PhaseDemand[],
  cycleS: number,
  lostTimePerPhaseS = LOST_TIME_PER_PHASE_S,
  optimumS = NaN,
): WebsterTiming {
  const ys = phases.map(criticalRatio);
  const Y = ys.reduce((s, y) => s + y, 0);
  const lostTimeS = lostTimePerPhaseS * phases.length;
  const greens = splitGreens(ys, cycleS, lostTimeS);
  return {
    cycleS,
    optimumS: Number.isNaN(optimumS) ? websterOptimumCycle(lostTimeS, Y) : optimumS,
    Y,
    lostTimeS,
    // Degree of saturation x_i = y_i C / g_i above 1 on some phase.
    oversaturated: ys.some((y, i) => (y * cycleS) / greens[i] > 1),
    phases: phases.map((p, i) => ({ approaches: p.approaches.map((a) => a.id), y: ys[i], greenS: greens[i] })),
  };
}

/** When phase `index`'s green begins, in seconds after the first phase's green begins. */
export function phaseStartS(timing: Pick<WebsterTiming, 'phases' | 'lostTimeS'>, index: number): number {
  const lost = timing.lostTimeS / timing.phases.length;
  let t = 0;
  for (let i = 0; i < index; i++) t += timing.phases[i].greenS + lost;
  return t;
}

const mod = (a: number, m: number) => ((a % m) + m) % m;

export interface CorridorStop {
  timing: WebsterTiming;
  /** The phase that serves the corridor's approach at this intersection. */
  corridorPhase: number;
  /** Travel time (s) from the previous intersection's stop line to this one's (ignored for the first). */
  travelTimeS: number;
}

/**
 * Green-wave offsets: a platoon released at the start of the corridor phase's green at the first
 * intersection reaches intersection k after Σ travel times, and finds its phase turning green then.
 * Offsets are of each intersection's first phase, modulo the common cycle, the first one's 0.
 */
export function greenWaveOffsets(stops: readonly CorridorStop[], cycleS: number): number[] {
  if (stops.length === 0) return [];
  const ref = phaseStartS(stops[0].timing, stops[0].corridorPhase);
  let arrival = 0;
  return stops.map((stop, k) => {
    if (k > 0) arrival += stop.travelTimeS;
    // First phase's green starts this long before the corridor phase's green.
    return round1(mod(arrival - phaseStartS(stop.timing, stop.corridorPhase) + ref, cycleS));
  });
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export interface CorridorIntersection {
  intersectionId: string;
  phases: PhaseDemand[];
  corridorPhase: number;
  travelTimeS: number;
}

/**
 * A corridor's coordinated timing: one common cycle (the largest of its intersections' C0, clamped),
 * each intersection's greens split by Webster at that cycle, offsets for a green wave.
 */
export function corridorTimings(
  intersections: readonly CorridorIntersection[],
  lostTimePerPhaseS = LOST_TIME_PER_PHASE_S,
): { cycleS: number; timings: IntersectionTiming[]; oversaturated: string[] } {
  const own = intersections.map((i) => websterTiming(i.phases, lostTimePerPhaseS));
  const cycleS = round1(Math.max(...own.map((t) => t.cycleS)));
  const atCycle = intersections.map((i, k) => timingAtCycle(i.phases, cycleS, lostTimePerPhaseS, own[k].optimumS));
  const offsets = greenWaveOffsets(
    intersections.map((i, k) => ({ timing: atCycle[k], corridorPhase: i.corridorPhase, travelTimeS: i.travelTimeS })),
    cycleS,
  );
  return {
    cycleS,
    timings: intersections.map((i, k) => ({
      intersectionId: i.intersectionId,
      cycleS,
      offsetS: offsets[k],
      phases: atCycle[k].phases.map((p) => ({ approaches: p.approaches, greenS: round1(p.greenS) })),
    })),
    oversaturated: intersections.filter((_, k) => atCycle[k].oversaturated).map((i) => i.intersectionId),
  };
}
