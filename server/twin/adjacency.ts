/**
 * Turning moves of the directed segment graph in CSR form (compressed rows), so the simulation
 * and anyone else walk them without allocating: the segments traffic on i can turn into are
 * down[downStart[i] … downStart[i + 1]), and the ones feeding i are up[upStart[i] … upStart[i + 1]).
 */
export interface Adjacency {
  downStart: Int32Array;
  down: Int32Array;
  upStart: Int32Array;
  up: Int32Array;
}

interface Edge {
  from: number;
  to: number;
  /** Index of the same street's other direction. */
  reverse: number;
}

/** No U-turns, except at a dead end where there is no other way on. Order: by segment index. */
export function buildAdjacency(nodeCount: number, segments: readonly Edge[]): Adjacency {
  const outsOf: number[][] = Array.from({ length: nodeCount }, () => []);
  segments.forEach((s, i) => outsOf[s.from].push(i));
  const downStart = new Int32Array(segments.length + 1);
  const down: number[] = [];
  const inCount = new Int32Array(segments.length);
  segments.forEach((s, i) => {
    const outs = outsOf[s.to].filter((j) => j !== s.reverse);
    for (const j of outs.length ? outs : outsOf[s.to]) {
      down.push(j);
      inCount[j]++;
    }
    downStart[i + 1] = down.length;
  });
  const upStart = new Int32Array(segments.length + 1);
  for (let j = 0; j < segments.length; j++) upStart[j + 1] = upStart[j] + inCount[j];
  const up = new Int32Array(down.length);
  const fill = upStart.slice(0, segments.length);
  for (let i = 0; i < segments.length; i++) for (let p = downStart[i]; p < downStart[i + 1]; p++) up[fill[down[p]]++] = i;
  return { downStart, down: Int32Array.from(down), upStart, up };
}

/** The segments downstream of i, as a plain array (tests and tooling; the simulation reads the CSR). */
export function downstreamOf(adj: Adjacency, i: number): number[] {
  return Array.from(adj.down.subarray(adj.downStart[i], adj.downStart[i + 1]));
}

export function upstreamOf(adj: Adjacency, i: number): number[] {
  return Array.from(adj.up.subarray(adj.upStart[i], adj.upStart[i + 1]));
}
