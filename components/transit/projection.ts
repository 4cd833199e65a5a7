import type { LonLat } from '@/lib/domain/road';

/** A flat projection of the city onto an SVG box: longitude scaled by cos(latitude), north up. */
export interface Projection {
  width: number;
  height: number;
  project: (p: LonLat) => [number, number];
}

/** Fit every point into a box `width` wide (with a margin), keeping the city's proportions. */
export function fitProjection(points: Iterable<LonLat>, width = 1000, margin = 20): Projection {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of points) {
    w = Math.min(w, lon);
    e = Math.max(e, lon);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  }
  if (!Number.isFinite(w)) return { width, height: width, project: () => [width / 2, width / 2] };
  const k = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const spanX = Math.max((e - w) * k, 1e-9);
  const spanY = Math.max(n - s, 1e-9);
  const scale = (width - 2 * margin) / spanX;
  const height = Math.round(spanY * scale + 2 * margin);
  const round = (v: number) => Math.round(v * 10) / 10;
  return { width, height, project: ([lon, lat]) => [round(margin + (lon - w) * k * scale), round(margin + (n - lat) * scale)] };
}

/** An SVG path of a polyline. */
export const pathOf = (proj: Projection, line: readonly LonLat[]): string =>
  line.map((p, i) => `${i ? 'L' : 'M'}${proj.project(p).join(' ')}`).join('');
