import { describe, expect, it } from 'vitest';
import { largestComponent, stronglyConnected } from './scc';

const edges = (pairs: Array<[number, number]>) => pairs.map(([from, to]) => ({ from, to }));

describe('strongly connected components', () => {
  it('finds a cycle as one component and a one-way spur as its own', () => {
    const { component, count } = stronglyConnected(4, edges([[0, 1], [1, 2], [2, 0], [2, 3]]));
    expect(count).toBe(2);
    expect(component[0]).toBe(component[1]);
    expect(component[1]).toBe(component[2]);
    expect(component[3]).not.toBe(component[0]);
  });

  it('keeps the biggest component and drops what traffic could enter but never leave', () => {
    const { keep, components } = largestComponent(6, edges([[0, 1], [1, 0], [1, 2], [2, 1], [2, 3], [4, 5], [5, 4]]));
    expect(components).toBe(3);
    expect(Array.from(keep)).toEqual([1, 1, 1, 0, 0, 0]);
  });

  it('walks a long chain without overflowing the stack', () => {
    const n = 200_000;
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < n - 1; i++) pairs.push([i, i + 1], [i + 1, i]);
    expect(stronglyConnected(n, edges(pairs)).count).toBe(1);
  });
});
