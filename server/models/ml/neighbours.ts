import type { RoadSegment } from '@/lib/domain/road';

const key = (p: readonly number[]) => `${p[0].toFixed(6)},${p[1].toFixed(6)}`;

/**
 * Which segments feed into each (upstream: they end where it starts) and which it feeds
 * (downstream), for the ids given, by matching path ends. The reverse direction of the same
 * road is no neighbour: a U-turn says little about congestion.
 */
export function roadNeighbours(ids: readonly string[], segments: readonly RoadSegment[]): { upstream: Int32Array[]; downstream: Int32Array[] } {
  const index = new Map(ids.map((id, i) => [id, i]));
  const byStart = new Map<string, number[]>();
  const byEnd = new Map<string, number[]>();
  const ends: ([string, string] | null)[] = ids.map(() => null);
  for (const s of segments) {
    const i = index.get(s.id);
    if (i === undefined || s.path.length < 2) continue;
    const a = key(s.path[0]);
    const b = key(s.path[s.path.length - 1]);
    ends[i] = [a, b];
    byStart.set(a, [...(byStart.get(a) ?? []), i]);
    byEnd.set(b, [...(byEnd.get(b) ?? []), i]);
  }
  const notReverse = (i: number) => (j: number) => {
    const [a, b] = ends[i] ?? ['', ''];
    const [c, d] = ends[j] ?? ['', ''];
    return j !== i && !(a === d && b === c);
  };
  return {
    upstream: ends.map((e, i) => Int32Array.from(e ? (byEnd.get(e[0]) ?? []).filter(notReverse(i)) : [])),
    downstream: ends.map((e, i) => Int32Array.from(e ? (byStart.get(e[1]) ?? []).filter(notReverse(i)) : [])),
  };
}
