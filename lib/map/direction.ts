import type { LonLat } from '../domain/road';

const names = ['northbound', 'north-eastbound', 'eastbound', 'south-eastbound', 'southbound', 'south-westbound', 'westbound', 'north-westbound'];

/** Initial-bearing approximation, fine at city scale: degrees clockwise from north, 0–360. */
export function bearingDeg(from: LonLat, to: LonLat): number {
  const dx = (to[0] - from[0]) * Math.cos((((from[1] + to[1]) / 2) * Math.PI) / 180);
  const dy = to[1] - from[1];
  const deg = (Math.atan2(dx, dy) * 180) / Math.PI;
  return (deg + 360) % 360;
}

/** Which way a directed segment runs, from its first to its last point, e.g. "eastbound". */
export function directionHint(path: readonly LonLat[]): string | null {
  if (path.length < 2) return null;
  const a = path[0];
  const b = path[path.length - 1];
  if (a[0] === b[0] && a[1] === b[1]) return null;
  return names[Math.round(bearingDeg(a, b) / 45) % 8];
}
