import type { LonLat } from '@/lib/domain/road';
import type { City } from '../city';
import type { XY } from '../geo';

/**
 * A trip's path as a bus drives it: a polyline in local metres with the road segment under each
 * piece (−1 where the path leaves the network), so the bus can take that segment's traffic speed.
 */
export interface PathGeometry {
  xy: XY[];
  lonLat: LonLat[];
  /** Distance from the start at each vertex, metres. */
  cum: Float64Array;
  /** Segment index under piece i (vertex i → i + 1), or −1. */
  seg: Int32Array;
  length: number;
}

/** Local metres around the city centre from WGS84: the inverse of geo.ts's projection. */
export function toLocal(city: Pick<City, 'center'>): (p: LonLat) => XY {
  const [lon0, lat0] = city.center;
  const mPerDegLat = 110_574;
  const mPerDegLon = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  return ([lon, lat]) => [(lon - lon0) * mPerDegLon, (lat - lat0) * mPerDegLat];
}

function finish(xy: XY[], lonLat: LonLat[], seg: number[]): PathGeometry {
  const cum = new Float64Array(xy.length);
  for (let i = 1; i < xy.length; i++) cum[i] = cum[i - 1] + Math.hypot(xy[i][0] - xy[i - 1][0], xy[i][1] - xy[i - 1][1]);
  return { xy, lonLat, cum, seg: Int32Array.from(seg), length: cum[xy.length - 1] };
}

/** The path along a chain of directed segments (a generated route knows its segments exactly). */
export function geometryFromSegments(city: City, segments: readonly number[]): PathGeometry {
  const xy: XY[] = [];
  const lonLat: LonLat[] = [];
  const seg: number[] = [];
  segments.forEach((s, k) => {
    const { xy: sxy, path } = city.segments[s];
    for (let i = k === 0 ? 0 : 1; i < sxy.length; i++) {
      xy.push(sxy[i]);
      lonLat.push(path[i]);
      if (xy.length > 1) seg.push(s);
    }
  });
  return finish(xy, lonLat, seg);
}

/** Finds the directed segment under a point heading a given way, through a grid of segment pieces. */
export class SegmentMatcher {
  private readonly cells = new Map<string, number[]>();
  private readonly pieces: Array<{ s: number; a: XY; b: XY }> = [];

  constructor(
    city: City,
    private readonly cellM = 100,
    /** Farthest a shape may run from a segment and still be on it, metres. */
    private readonly maxDistM = 35,
  ) {
    city.segments.forEach((segment, s) => {
      for (let i = 1; i < segment.xy.length; i++) {
        const a = segment.xy[i - 1];
        const b = segment.xy[i];
        const p = this.pieces.push({ s, a, b }) - 1;
        const [x0, x1] = [Math.min(a[0], b[0]) - maxDistM, Math.max(a[0], b[0]) + maxDistM];
        const [y0, y1] = [Math.min(a[1], b[1]) - maxDistM, Math.max(a[1], b[1]) + maxDistM];
        for (let cx = Math.floor(x0 / cellM); cx <= Math.floor(x1 / cellM); cx++)
          for (let cy = Math.floor(y0 / cellM); cy <= Math.floor(y1 / cellM); cy++) {
            const key = `${cx},${cy}`;
            const list = this.cells.get(key);
            if (list) list.push(p);
            else this.cells.set(key, [p]);
          }
      }
    });
  }

  /** The nearest segment within reach whose direction agrees with (dx, dy), or −1. */
  match([x, y]: XY, dx: number, dy: number): number {
    const len = Math.hypot(dx, dy) || 1;
    let best = -1;
    let bestD = this.maxDistM;
    for (const p of this.cells.get(`${Math.floor(x / this.cellM)},${Math.floor(y / this.cellM)}`) ?? []) {
      const { s, a, b } = this.pieces[p];
      const [ex, ey] = [b[0] - a[0], b[1] - a[1]];
      const el = Math.hypot(ex, ey) || 1;
      // Same way within about 45°: the other carriageway of a two-way street points back.
      if ((ex * dx + ey * dy) / (el * len) < 0.7) continue;
      const t = Math.max(0, Math.min(1, ((x - a[0]) * ex + (y - a[1]) * ey) / (el * el)));
      const d = Math.hypot(x - a[0] - t * ex, y - a[1] - t * ey);
      if (d < bestD) [best, bestD] = [s, d];
    }
    return best;
  }
}

/** Longest piece matched as one: long GTFS shape pieces are split so each part finds its own segment. */
const MAX_PIECE_M = 40;

/** The path of an imported shape (or of a trip's stops), each piece mapped to its nearest segment. */
export function geometryFromShape(city: City, matcher: SegmentMatcher, points: readonly LonLat[]): PathGeometry {
  const local = toLocal(city);
  const xy: XY[] = [];
  const lonLat: LonLat[] = [];
  const seg: number[] = [];
  points.forEach((p, i) => {
    const q = local(p);
    if (i > 0) {
      const [a, la] = [xy[xy.length - 1], lonLat[lonLat.length - 1]];
      const d = Math.hypot(q[0] - a[0], q[1] - a[1]);
      if (d < 0.01) return;
      const parts = Math.max(1, Math.ceil(d / MAX_PIECE_M));
      for (let k = 1; k <= parts; k++) {
        const t = k / parts;
        const mid: XY = [a[0] + ((q[0] - a[0]) * (k - 0.5)) / parts, a[1] + ((q[1] - a[1]) * (k - 0.5)) / parts];
        seg.push(matcher.match(mid, q[0] - a[0], q[1] - a[1]));
        xy.push(k === parts ? q : [a[0] + (q[0] - a[0]) * t, a[1] + (q[1] - a[1]) * t]);
        lonLat.push(k === parts ? p : [la[0] + (p[0] - la[0]) * t, la[1] + (p[1] - la[1]) * t]);
      }
      return;
    }
    xy.push(q);
    lonLat.push(p);
  });
  return finish(xy, lonLat, seg);
}

/** The piece a distance along the path falls on. */
export function pieceAt(g: PathGeometry, dist: number, hint = 0): number {
  let i = Math.max(0, Math.min(hint, g.seg.length - 1));
  while (i > 0 && g.cum[i] > dist) i--;
  while (i < g.seg.length - 1 && g.cum[i + 1] <= dist) i++;
  return i;
}

/** Where a distance along the path is, and which way the path heads there (degrees from north). */
export function pointAt(g: PathGeometry, dist: number, hint = 0): { lonLat: LonLat; bearing: number; piece: number } {
  const i = pieceAt(g, dist, hint);
  const span = g.cum[i + 1] - g.cum[i] || 1;
  const t = Math.max(0, Math.min(1, (dist - g.cum[i]) / span));
  const [a, b] = [g.lonLat[i], g.lonLat[i + 1]];
  const [dx, dy] = [g.xy[i + 1][0] - g.xy[i][0], g.xy[i + 1][1] - g.xy[i][1]];
  const bearing = ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360;
  const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
  return { lonLat: [r6(a[0] + (b[0] - a[0]) * t), r6(a[1] + (b[1] - a[1]) * t)], bearing: Math.round(bearing * 10) / 10, piece: i };
}

/**
 * How far along the path a point is, searching from `fromDist` on: the earliest piece nearly as
 * close as the closest, so a route that passes a stop twice (a loop) takes it the first time.
 */
export function distanceAlong(g: PathGeometry, [x, y]: XY, fromDist: number): number {
  const start = pieceAt(g, fromDist);
  const cand: Array<{ d: number; at: number }> = [];
  let best = Infinity;
  for (let i = start; i < g.seg.length; i++) {
    const [a, b] = [g.xy[i], g.xy[i + 1]];
    const [ex, ey] = [b[0] - a[0], b[1] - a[1]];
    const el2 = ex * ex + ey * ey || 1;
    const t = Math.max(0, Math.min(1, ((x - a[0]) * ex + (y - a[1]) * ey) / el2));
    const d = Math.hypot(x - a[0] - t * ex, y - a[1] - t * ey);
    const at = Math.max(fromDist, g.cum[i] + t * Math.sqrt(el2));
    cand.push({ d, at });
    best = Math.min(best, d);
  }
  return cand.find((c) => c.d <= best + 10)?.at ?? fromDist;
}
