import type { LonLat } from '../domain/road';

export type Bbox = [west: number, south: number, east: number, north: number];

/** The box around every point of every path, or null for no points. */
export function boundsOfPaths(paths: Iterable<readonly LonLat[]>): Bbox | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const path of paths)
    for (const [lon, lat] of path) {
      if (lon < w) w = lon;
      if (lon > e) e = lon;
      if (lat < s) s = lat;
      if (lat > n) n = lat;
    }
  return w <= e && s <= n ? [w, s, e, n] : null;
}
