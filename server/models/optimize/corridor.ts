import type { RoadSegment } from '@/lib/domain/road';
import type { SignalIntersection } from '@/lib/protocol/actuation';

/**
 * The road network as the signal optimiser walks it: a corridor of one segment grows along the same
 * street in its driving direction through signalised intersections. Pure.
 */

/** A corridor given as one segment is extended through up to this many signalised intersections. */
export const MAX_CORRIDOR_SIGNALS = 8;
/** And never beyond this many segments (a street without signals ahead stops the walk). */
const MAX_CORRIDOR_SEGMENTS = 60;

const key = (p: readonly [number, number]) => `${p[0].toFixed(6)},${p[1].toFixed(6)}`;
const start = (s: RoadSegment) => s.path[0];
const end = (s: RoadSegment) => s.path[s.path.length - 1];

/** Heading (radians, planar in degrees of lon/lat scaled by latitude) of a segment's first or last piece. */
function heading(s: RoadSegment, at: 'start' | 'end'): number {
  const [a, b] = at === 'start' ? [s.path[0], s.path[1]] : [s.path[s.path.length - 2], s.path[s.path.length - 1]];
  return Math.atan2(b[1] - a[1], (b[0] - a[0]) * Math.cos((a[1] * Math.PI) / 180));
}

const turn = (a: number, b: number) => Math.abs(Math.atan2(Math.sin(b - a), Math.cos(b - a)));

export class RoadGraph {
  readonly byId: Map<string, RoadSegment>;
  private readonly leaving = new Map<string, RoadSegment[]>();

  constructor(segments: readonly RoadSegment[]) {
    this.byId = new Map(segments.map((s) => [s.id, s]));
    for (const s of segments) {
      const k = key(start(s));
      const list = this.leaving.get(k);
      if (list) list.push(s);
      else this.leaving.set(k, [s]);
    }
  }

  /** The segment that carries on along the same street after `s`, straightest first; not a U-turn. */
  next(s: RoadSegment): RoadSegment | undefined {
    const out = (this.leaving.get(key(end(s))) ?? []).filter((n) => n.name === s.name && key(end(n)) !== key(start(s)));
    const h = heading(s, 'end');
    let best: RoadSegment | undefined;
    for (const n of out) if (turn(h, heading(n, 'start')) < Math.PI / 3 && (!best || turn(h, heading(n, 'start')) < turn(h, heading(best, 'start')))) best = n;
    return best;
  }
}

/** Free-flow travel time of a segment (s). */
export const freeFlowS = (s: RoadSegment) => s.lengthM / (s.freeFlowKmh / 3.6);

/**
 * Extend one segment along its street, in its driving direction, until MAX_CORRIDOR_SIGNALS
 * signalised intersections have been passed (the one it ends at counts) or the street ends.
 */
export function extendCorridor(graph: RoadGraph, first: RoadSegment, signalAt: (segmentId: string) => SignalIntersection | undefined): string[] {
  const ids = [first.id];
  const seen = new Set(ids);
  let signals = signalAt(first.id) ? 1 : 0;
  let s = first;
  while (signals < MAX_CORRIDOR_SIGNALS && ids.length < MAX_CORRIDOR_SEGMENTS) {
    const n = graph.next(s);
    if (!n || seen.has(n.id)) break;
    ids.push(n.id);
    seen.add(n.id);
    if (signalAt(n.id)) signals++;
    s = n;
  }
  // Stop at the last signal: segments past it are not coordinated by anything.
  while (ids.length > 1 && !signalAt(ids[ids.length - 1])) ids.pop();
  return ids;
}

export interface CorridorSignal {
  intersection: SignalIntersection;
  /** The corridor's segment arriving at it. */
  approachId: string;
  /** Free-flow travel time from the previous signal's stop line (0 for the first). */
  travelTimeS: number;
}

/** The signals a corridor passes, in driving order, with travel times between consecutive ones. */
export function corridorSignals(graph: RoadGraph, corridor: readonly string[], signalAt: (segmentId: string) => SignalIntersection | undefined): CorridorSignal[] {
  const out: CorridorSignal[] = [];
  let since = 0;
  for (const id of corridor) {
    const seg = graph.byId.get(id);
    if (!seg) continue;
    // Time from the previous stop line: the whole of every segment after it, this one included.
    since += freeFlowS(seg);
    const intersection = signalAt(id);
    if (!intersection) continue;
    out.push({ intersection, approachId: id, travelTimeS: out.length === 0 ? 0 : since });
    since = 0;
  }
  return out;
}
