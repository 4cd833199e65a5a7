/**
 * Strongly connected components of a directed graph (Tarjan's algorithm, iterative so a long
 * road does not overflow the stack). Returns each node's component and the component count.
 */
export function stronglyConnected(nodeCount: number, edges: ReadonlyArray<{ from: number; to: number }>): { component: Int32Array; count: number } {
  const outStart = new Int32Array(nodeCount + 1);
  for (const e of edges) outStart[e.from + 1]++;
  for (let i = 0; i < nodeCount; i++) outStart[i + 1] += outStart[i];
  const out = new Int32Array(edges.length);
  const fill = outStart.slice(0, nodeCount);
  for (const e of edges) out[fill[e.from]++] = e.to;

  const index = new Int32Array(nodeCount).fill(-1);
  const low = new Int32Array(nodeCount);
  const onStack = new Uint8Array(nodeCount);
  const component = new Int32Array(nodeCount).fill(-1);
  const stack: number[] = [];
  const callNode: number[] = [];
  const callEdge: number[] = [];
  let next = 0;
  let count = 0;

  for (let root = 0; root < nodeCount; root++) {
    if (index[root] >= 0) continue;
    index[root] = low[root] = next++;
    stack.push(root);
    onStack[root] = 1;
    callNode.push(root);
    callEdge.push(outStart[root]);
    while (callNode.length) {
      const v = callNode[callNode.length - 1];
      const p = callEdge[callEdge.length - 1];
      if (p < outStart[v + 1]) {
        callEdge[callEdge.length - 1] = p + 1;
        const w = out[p];
        if (index[w] < 0) {
          index[w] = low[w] = next++;
          stack.push(w);
          onStack[w] = 1;
          callNode.push(w);
          callEdge.push(outStart[w]);
        } else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
        continue;
      }
      callNode.pop();
      callEdge.pop();
      if (callNode.length) {
        const parent = callNode[callNode.length - 1];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          component[w] = count;
        } while (w !== v);
        count++;
      }
    }
  }
  return { component, count };
}

/** Which nodes are in the largest strongly connected component (most nodes; the first on a tie). */
export function largestComponent(nodeCount: number, edges: ReadonlyArray<{ from: number; to: number }>): { keep: Uint8Array; components: number } {
  const { component, count } = stronglyConnected(nodeCount, edges);
  const size = new Int32Array(count);
  for (let i = 0; i < nodeCount; i++) size[component[i]]++;
  let best = 0;
  for (let k = 1; k < count; k++) if (size[k] > size[best]) best = k;
  const keep = new Uint8Array(nodeCount);
  for (let i = 0; i < nodeCount; i++) keep[i] = component[i] === best ? 1 : 0;
  return { keep, components: count };
}
