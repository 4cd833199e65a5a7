import { describe, expect, it } from 'vitest';
import { boundsOfPaths } from './bounds';

describe('bounds of paths', () => {
  it('is the box around every point of every path', () => {
    expect(boundsOfPaths([[[1, 2], [3, 1]], [[0, 5], [2, 2]]])).toEqual([0, 1, 3, 5]);
  });

  it('is null when there are no points', () => {
    expect(boundsOfPaths([])).toBeNull();
  });
});
