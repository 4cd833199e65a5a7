import type { City } from '../city';
import type { XY } from '../geo';

/**
 * A uniform grid over the city's segments, so "which segments come within r of this point"
 * looks at a few cells instead of all 20,000 segments of a big city.
 */
export class SegmentIndex {
  private readonly cells = new Map<string, number[]>();

  constructor(
    private readonly city: City,
    private readonly cellM = 250,
  ) {
    city.segments.forEach((s, i) => {
      const [x0, y0, x1, y1] = bboxOf(s.xy);
      for (let cx = Math.floor(x0 / cellM); cx <= Math.floor(x1 / cellM); cx++)
        for (let cy = Math.floor(y0 / cellM); cy <= Math.floor(y1 / cellM); cy++) {
          const key = `${cx},${cy}`;
          const list = this.cells.get(key);
          if (list) list.push(i);
          else this.cells.set(key, [i]);
        }
    });
  }

  /** Segments whose bounding box comes within r of p (a superset of those within r), each once. */
  near(p: XY, r: number): number[] {
    const out = new Set<number>();
    const c = this.cellM;
    for (let cx = Math.floor((p[0] - r) / c); cx <= Math.floor((p[0] + r) / c); cx++)
      for (let cy = Math.floor((p[1] - r) / c); cy <= Math.floor((p[1] + r) / c); cy++) for (const i of this.cells.get(`${cx},${cy}`) ?? []) out.add(i);
    return [...out].sort((a, b) => a - b);
  }
}

function bboxOf(path: readonly XY[]): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of path) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  return [x0, y0, x1, y1];
}
