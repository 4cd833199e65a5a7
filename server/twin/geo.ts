import type { LonLat } from '@/lib/domain/road';

/** Local metres (x east, y north) around the city centre ↔ WGS84, an equirectangular fit. */
export interface Projection {
  toLonLat: (x: number, y: number) => LonLat;
  /** The inverse, unrounded (imported cities start from WGS84). */
  toXY: (lon: number, lat: number) => XY;
}

export function projection(center: LonLat): Projection {
  const [lon0, lat0] = center;
  const mPerDegLat = 110_574;
  const mPerDegLon = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
  return {
    toLonLat: (x, y) => [r6(lon0 + x / mPerDegLon), r6(lat0 + y / mPerDegLat)],
    toXY: (lon, lat) => [(lon - lon0) * mPerDegLon, (lat - lat0) * mPerDegLat],
  };
}

export type XY = [number, number];

export function pathLength(path: readonly XY[]): number {
  let len = 0;
  for (let i = 1; i < path.length; i++) len += Math.hypot(path[i][0] - path[i - 1][0], path[i][1] - path[i - 1][1]);
  return len;
}
