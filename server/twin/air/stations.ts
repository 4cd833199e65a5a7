import type { LonLat } from '@/lib/domain/road';
import type { City } from '../city';
import type { XY } from '../geo';
import { Random } from '../random';
import { SegmentIndex } from './segment-index';

/**
 * Where the city's air-quality monitors stand. As in European networks, some are "traffic"
 * stations at the kerb of a main road and the rest "background" stations set back from local
 * streets, which see the city's air rather than one road's.
 */
export interface AirStation {
  /** Short id, e.g. "aq-07": the NGSI-LD entity id's tail and the air layer's key. */
  id: string;
  name: string;
  kind: 'traffic' | 'background';
  x: number;
  y: number;
  location: LonLat;
  /** The segment the station stands beside. */
  segment: number;
}

export const MIN_STATIONS = 30;
/** One station per this many directed segments, and never fewer than MIN_STATIONS. */
const SEGMENTS_PER_STATION = 60;
const TRAFFIC_SHARE = 0.45;

/** Closest point of a polyline to p, and its distance. */
export function closestOnPath(path: readonly XY[], p: XY): { point: XY; distance: number } {
  let best: XY = path[0];
  let bestD = Infinity;
  for (let k = 1; k < path.length; k++) {
    const [ax, ay] = path[k - 1];
    const [bx, by] = path[k];
    const len2 = (bx - ax) ** 2 + (by - ay) ** 2 || 1;
    const t = Math.max(0, Math.min(1, ((p[0] - ax) * (bx - ax) + (p[1] - ay) * (by - ay)) / len2));
    const q: XY = [ax + t * (bx - ax), ay + t * (by - ay)];
    const d = Math.hypot(p[0] - q[0], p[1] - q[1]);
    if (d < bestD) {
      bestD = d;
      best = q;
    }
  }
  return { point: best, distance: bestD };
}

/**
 * Place the stations for a city: one per cell of a square grid over the town (so they spread
 * across it), each beside the nearest main road (traffic) or local street (background).
 * Deterministic for a seed; names are the street's, with the cross street when taken.
 */
export function placeStations(city: City, seed: number): AirStation[] {
  const rng = new Random(seed ^ 0x61697271);
  const count = Math.max(MIN_STATIONS, Math.round(city.segments.length / SEGMENTS_PER_STATION));
  const k = Math.ceil(Math.sqrt(count));
  const { minX, maxX, minY, maxY } = city.extent;
  // The extent has a margin around the streets; keep stations inside the built-up area.
  const [x0, x1] = [minX + 0.08 * (maxX - minX), maxX - 0.08 * (maxX - minX)];
  const [y0, y1] = [minY + 0.08 * (maxY - minY), maxY - 0.08 * (maxY - minY)];
  const major = city.segments.map((s) => s.roadClass !== 'residential');
  const index = new SegmentIndex(city);
  const diagonal = Math.hypot(maxX - minX, maxY - minY);
  const names = new Set<string>();
  const stations: AirStation[] = [];

  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const p: XY = [x0 + ((a + rng.range(0.2, 0.8)) / k) * (x1 - x0), y0 + ((b + rng.range(0.2, 0.8)) / k) * (y1 - y0)];
      const kind = rng.next() < TRAFFIC_SHARE ? 'traffic' : 'background';
      let segment = -1;
      let near: { point: XY; distance: number } = { point: p, distance: Infinity };
      // Widen the search until the nearest fitting segment is certainly inside it.
      for (let r = 300; segment < 0 || near.distance > r; r *= 2) {
        if (r > 4 * diagonal) break;
        for (const i of index.near(p, r)) {
          if (major[i] !== (kind === 'traffic') || city.segments[i].bridge) continue;
          const c = closestOnPath(city.segments[i].xy, p);
          if (c.distance < near.distance) [segment, near] = [i, c];
        }
      }
      if (segment < 0) continue;
      // Kerbside for traffic stations; set back behind the houses for background ones.
      const offset = kind === 'traffic' ? rng.range(5, 10) : rng.range(45, 90);
      const seg = city.segments[segment];
      const [[ax, ay], [bx, by]] = [seg.xy[0], seg.xy[seg.xy.length - 1]];
      const len = Math.hypot(bx - ax, by - ay) || 1;
      const side = rng.next() < 0.5 ? 1 : -1;
      const x = near.point[0] + (side * -(by - ay) * offset) / len;
      const y = near.point[1] + (side * (bx - ax) * offset) / len;
      const name = uniqueName(city, segment, names);
      const id = `aq-${String(stations.length + 1).padStart(2, '0')}`;
      stations.push({ id, name, kind, x, y, location: city.toLonLat(x, y), segment });
    }
  }
  return stations;
}

function uniqueName(city: City, segment: number, used: Set<string>): string {
  const seg = city.segments[segment];
  const candidates = [seg.name];
  // Cross streets: those traffic turns into at the segment's end, or comes from at its start.
  const { downStart, down, upStart, up } = city.adjacency;
  const near = [...down.subarray(downStart[segment], downStart[segment + 1]), ...up.subarray(upStart[segment], upStart[segment + 1])];
  for (const j of near) if (city.segments[j].name !== seg.name) candidates.push(`${seg.name} / ${city.segments[j].name}`);
  for (let n = 2; candidates.length < 40; n++) candidates.push(`${seg.name} ${n}`);
  const name = candidates.find((c) => !used.has(c)) ?? `${seg.name} ${used.size}`;
  used.add(name);
  return name;
}
