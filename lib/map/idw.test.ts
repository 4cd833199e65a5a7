import { describe, expect, it } from 'vitest';
import { colourise, idwGrid, paddedBounds, type Bounds, type Sample } from './idw';

const bounds: Bounds = [0, 0, 0.1, 0.1];

describe('inverse-distance weighting', () => {
  it('gives every cell the value of a lone sample', () => {
    const grid = idwGrid([{ lon: 0.05, lat: 0.05, value: 42 }], bounds, { width: 8, height: 8 });
    expect([...grid].every((v) => Math.abs(v - 42) < 1e-4)).toBe(true);
  });

  it('stays between the smallest and largest sample everywhere', () => {
    const samples: Sample[] = [
      { lon: 0.01, lat: 0.01, value: 10 },
      { lon: 0.09, lat: 0.02, value: 200 },
      { lon: 0.05, lat: 0.09, value: 75 },
    ];
    const grid = idwGrid(samples, bounds, { width: 16, height: 16 });
    for (const v of grid) {
      expect(v).toBeGreaterThanOrEqual(10 - 1e-3);
      expect(v).toBeLessThanOrEqual(200 + 1e-3);
    }
  });

  it('is closer to the nearer sample: high in the west, low in the east', () => {
    const samples: Sample[] = [
      { lon: 0.0, lat: 0.05, value: 100 },
      { lon: 0.1, lat: 0.05, value: 0 },
    ];
    const grid = idwGrid(samples, bounds, { width: 10, height: 1 });
    expect(grid[0]).toBeGreaterThan(90);
    expect(grid[9]).toBeLessThan(10);
    for (let i = 1; i < 10; i++) expect(grid[i]).toBeLessThan(grid[i - 1]);
  });

  it('puts the first row at the north edge', () => {
    const samples: Sample[] = [
      { lon: 0.05, lat: 0.1, value: 100 },
      { lon: 0.05, lat: 0.0, value: 0 },
    ];
    const grid = idwGrid(samples, bounds, { width: 1, height: 10 });
    expect(grid[0]).toBeGreaterThan(grid[9]);
  });

  it('leaves cells far from every sample empty when a maximum distance is set', () => {
    const grid = idwGrid([{ lon: 0.0, lat: 0.0, value: 5 }], bounds, { width: 10, height: 10, maxDistanceM: 2000 });
    // South-west corner cell is near the sample; the north-east corner is ~15 km away.
    expect(grid[9 * 10]).toBeCloseTo(5);
    expect(Number.isNaN(grid[9])).toBe(true);
  });

  it('returns an empty grid when there are no samples', () => {
    const grid = idwGrid([], bounds, { width: 4, height: 4 });
    expect([...grid].every(Number.isNaN)).toBe(true);
  });
});

describe('the surface image', () => {
  it('colours each value at the given opacity and leaves empty cells transparent', () => {
    const px = colourise(new Float32Array([1, Number.NaN]), () => [10, 20, 30], 0.5);
    expect([...px]).toEqual([10, 20, 30, 128, 0, 0, 0, 0]);
  });
});

describe('padded bounds', () => {
  it('grows the samples box by the margin on every side', () => {
    const b = paddedBounds(
      [
        { lon: 10, lat: 50, value: 0 },
        { lon: 10.1, lat: 50.1, value: 0 },
      ],
      1105.4,
    )!;
    expect(b[1]).toBeCloseTo(49.99, 4);
    expect(b[3]).toBeCloseTo(50.11, 4);
    expect(b[0]).toBeLessThan(10);
    expect(b[2]).toBeGreaterThan(10.1);
  });

  it('is null without samples', () => {
    expect(paddedBounds([], 100)).toBeNull();
  });
});
