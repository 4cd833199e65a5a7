import type { LonLat } from '@/lib/domain/road';
import { SIGNAL_LOST_TIME_PER_PHASE_S, type IntersectionTiming } from '@/lib/protocol/actuation';
import type { City } from './city';
import { GREEN_SHARE, SIGNAL_SPEED_FACTOR } from './sim';

/**
 * The city's traffic signals: which junctions have them, their approaches grouped by axis, a
 * default fixed timing, and what a timing does to an approach (capacity g/C and delay with
 * progression). A pure function of the City, so the model services compute the same list.
 */

export type Axis = 'north-south' | 'east-west';

export interface Approach {
  segment: number;
  segmentId: string;
  street: string;
  axis: Axis;
  saturationVph: number;
}

export interface Intersection {
  id: string;
  node: number;
  name: string;
  location: LonLat;
  approaches: Approach[];
  defaultTiming: IntersectionTiming;
}

/** Default fixed time: a 90 s cycle, two phases (north–south, then east–west), equal greens. */
export const DEFAULT_CYCLE_S = 90;
const DEFAULT_GREEN_S = (DEFAULT_CYCLE_S - 2 * SIGNAL_LOST_TIME_PER_PHASE_S) / 2;
const DEFAULT_RATIO = DEFAULT_GREEN_S / DEFAULT_CYCLE_S;
/**
 * The stop line discharges faster than the link's mid-block capacity while green (HCM's base
 * 1,900 veh/h/lane against the links' 1,400–1,800): calibrated so the default timing leaves each
 * approach the share of capacity the twin gave signalised approaches before timings existed.
 */
export const SATURATION_FACTOR = GREEN_SHARE / DEFAULT_RATIO;
/** Share of an approach's arrivals that come as the platoon released by the upstream signal. */
const PLATOON_SHARE = 0.7;
/** Webster's uniform delay of the default timing (random arrivals): the delay SIGNAL_SPEED_FACTOR stands for. */
const DEFAULT_DELAY_S = 0.5 * DEFAULT_CYCLE_S * (1 - DEFAULT_RATIO) ** 2;

export const intersectionId = (node: number) => `j${node}`;

const CLASS_RANK: Record<string, number> = { motorway: 0, primary: 1, secondary: 2, tertiary: 3, residential: 4 };

/** The axis a segment arrives on at its downstream end. */
function axisOf(city: City, segment: number): Axis {
  const xy = city.segments[segment].xy;
  const [ax, ay] = xy[xy.length - 2];
  const [bx, by] = xy[xy.length - 1];
  return Math.abs(by - ay) >= Math.abs(bx - ax) ? 'north-south' : 'east-west';
}

/** Every signalised junction of the city, in node order, with its approaches and default timing. */
export function signalisedIntersections(city: City): Intersection[] {
  const incoming: number[][] = city.nodes.map(() => []);
  city.segments.forEach((s, i) => {
    if (city.nodes[s.to].signalised) incoming[s.to].push(i);
  });
  const out: Intersection[] = [];
  city.nodes.forEach((node, v) => {
    if (!node.signalised || incoming[v].length === 0) return;
    const approaches: Approach[] = incoming[v].map((i) => {
      const s = city.segments[i];
      return { segment: i, segmentId: s.id, street: s.name, axis: axisOf(city, i), saturationVph: Math.round(s.capacityVph * SATURATION_FACTOR) };
    });
    let groups = (['north-south', 'east-west'] as const).map((a) => approaches.filter((p) => p.axis === a)).filter((g) => g.length > 0);
    // A junction whose approaches all arrive on one axis (a bend, a ramp) still alternates two phases.
    if (groups.length === 1) groups = groups[0].length > 1 ? [groups[0].slice(0, 1), groups[0].slice(1)] : [groups[0], groups[0]];
    const streets = [...new Set(incoming[v].map((i) => city.segments[i]).sort((a, b) => CLASS_RANK[a.roadClass] - CLASS_RANK[b.roadClass]).map((s) => s.name))];
    out.push({
      id: intersectionId(v),
      node: v,
      name: streets.length > 1 ? `${streets[0]} × ${streets[1]}` : streets[0],
      location: city.toLonLat(node.x, node.y),
      approaches,
      defaultTiming: {
        intersectionId: intersectionId(v),
        cycleS: DEFAULT_CYCLE_S,
        offsetS: 0,
        phases: groups.map((g) => ({ approaches: g.map((p) => p.segmentId), greenS: DEFAULT_GREEN_S })),
      },
    });
  });
  return out;
}

/** Start of phase k's green within the cycle (s after the cycle's reference). */
export function greenStart(t: IntersectionTiming, k: number): number {
  let s = t.offsetS;
  for (let j = 0; j < k; j++) s += t.phases[j].greenS + SIGNAL_LOST_TIME_PER_PHASE_S;
  return s % t.cycleS;
}

export const phaseOf = (t: IntersectionTiming, segmentId: string): number => t.phases.findIndex((p) => p.approaches.includes(segmentId));

/** Length of the overlap of two windows [a, a+la) and [b, b+lb) on a circle of length c. */
function circularOverlap(a: number, la: number, b: number, lb: number, c: number): number {
  let sum = 0;
  const a0 = ((a % c) + c) % c;
  const b0 = ((b % c) + c) % c;
  for (const shift of [-c, 0, c]) sum += Math.max(0, Math.min(a0 + la, b0 + shift + lb) - Math.max(a0, b0 + shift));
  return Math.min(la, sum);
}

/** The platoon an approach receives from the signal upstream: its phase there and the travel time. */
export interface Upstream {
  timing: IntersectionTiming;
  phase: number;
  travelS: number;
}

export interface ApproachControl {
  /** Share of the link's capacity the approach discharges (saturation × g/C, at most the link's). */
  exitShare: number;
  /** Free-flow speed factor standing for the signal's delay. */
  speedFactor: number;
  /** Share of arrivals on green, and the delay per vehicle (s, Webster's uniform delay × HCM PF). */
  arrivalsOnGreen: number;
  delayS: number;
}

/**
 * What a timing does to one approach. Capacity is s·g/C. Delay is Webster's uniform term with
 * HCM's progression factor PF = (1 − P)/(1 − g/C), where P is the share arriving on green: g/C for
 * random arrivals; with a coordinated upstream signal (same cycle) the upstream platoon arrives
 * when its release, shifted by the travel time, overlaps this approach's green. The twin's
 * free-flow speed factor for signals (0.85) stands for the default timing's delay and scales with it.
 */
export function approachControl(timing: IntersectionTiming, phase: number, upstream?: Upstream): ApproachControl {
  const g = phase >= 0 ? timing.phases[phase].greenS : 0;
  const ratio = Math.max(0.02, g / timing.cycleS);
  let onGreen = ratio;
  if (upstream && upstream.timing.cycleS === timing.cycleS && phase >= 0 && upstream.phase >= 0) {
    const gu = upstream.timing.phases[upstream.phase].greenS;
    const release = greenStart(upstream.timing, upstream.phase) + upstream.travelS;
    const platoon = circularOverlap(release, gu, greenStart(timing, phase), g, timing.cycleS) / gu;
    onGreen = PLATOON_SHARE * platoon + (1 - PLATOON_SHARE) * ratio;
  }
  const delayS = 0.5 * timing.cycleS * (1 - ratio) * (1 - onGreen);
  return {
    exitShare: Math.min(1, SATURATION_FACTOR * ratio),
    speedFactor: 1 / (1 + (1 / SIGNAL_SPEED_FACTOR - 1) * (delayS / DEFAULT_DELAY_S)),
    arrivalsOnGreen: onGreen,
    delayS,
  };
}
