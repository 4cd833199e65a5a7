import { describe, expect, it } from 'vitest';
import { buildPathGeometry, expandColours, fillColour, perVertex, updateSegmentColours } from './path-buffers';

const seg = (id: string, n: number) => ({
  id,
  freeFlowKmh: 50,
  path: Array.from({ length: n }, (_, i) => [i, i] as [number, number]),
});

describe('the binary road network', () => {
  it('lays every vertex out flat, with each path starting where the last ended', () => {
    const g = buildPathGeometry([seg('a', 2), seg('b', 3)]);
    expect([...g.startIndices]).toEqual([0, 2]);
    expect(g.vertexCount).toBe(5);
    expect([...g.positions.slice(4, 6)]).toEqual([0, 0]);
    expect(g.indexOf.get('b')).toBe(1);
  });

  it('spreads one colour per path over all of its vertices', () => {
    const g = buildPathGeometry([seg('a', 2), seg('b', 3)]);
    const perPath = new Uint8Array([1, 2, 3, 4, 9, 8, 7, 6]);
    const out = expandColours(g, perPath, new Uint8Array(g.vertexCount * 4));
    expect([...out]).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 9, 8, 7, 6, 9, 8, 7, 6, 9, 8, 7, 6]);
  });

  it('spreads one width per path over its vertices', () => {
    const g = buildPathGeometry([seg('a', 1), seg('b', 2)]);
    expect([...perVertex(g, (i) => (i === 0 ? 5 : 2))]).toEqual([5, 2, 2]);
  });

  it('fills every vertex with one opaque colour', () => {
    expect([...fillColour(new Uint8Array(8), [1, 2, 3])]).toEqual([1, 2, 3, 255, 1, 2, 3, 255]);
  });
});

describe('recolouring after a delta', () => {
  const segments = [seg('a', 2), seg('b', 2)];

  it('colours every segment the first time', () => {
    const colours = new Uint8Array(8);
    expect(updateSegmentColours(segments, { a: { speedKmh: 50 }, b: { speedKmh: 5 } }, null, colours)).toBe(2);
    expect([...colours.slice(0, 3)]).toEqual([44, 160, 90]);
    expect([...colours.slice(4, 7)]).toEqual([200, 30, 45]);
  });

  it('touches only segments whose reading object changed', () => {
    const colours = new Uint8Array(8);
    const a = { speedKmh: 50 };
    const before = { a, b: { speedKmh: 50 } };
    updateSegmentColours(segments, before, null, colours);
    // 'a' keeps its object; if it were recomputed from this broken value it would turn red.
    a.speedKmh = 1;
    expect(updateSegmentColours(segments, { a, b: { speedKmh: 5 } }, before, colours)).toBe(1);
    expect([...colours.slice(0, 3)]).toEqual([44, 160, 90]);
    expect([...colours.slice(4, 7)]).toEqual([200, 30, 45]);
  });
});
