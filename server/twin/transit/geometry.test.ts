import { describe, expect, it } from 'vitest';
import { generateCity } from '../city';
import { generateTransit } from './generate';
import { distanceAlong, geometryFromSegments, geometryFromShape, pointAt, SegmentMatcher, toLocal } from './geometry';

describe('mapping shapes to road segments', () => {
  it('finds the segments a generated shape was built from, from its points alone', () => {
    const city = generateCity({ seed: 3, size: 1000 });
    const { feed, shapeSegments } = generateTransit(city, 3);
    const matcher = new SegmentMatcher(city);
    for (const [shapeId, segments] of [...shapeSegments].slice(0, 6)) {
      const points = feed.shapes.filter((p) => p.shape_id === shapeId).map((p) => [p.shape_pt_lon, p.shape_pt_lat] as [number, number]);
      const g = geometryFromShape(city, matcher, points);
      const truth = new Set(segments);
      const onTruth = [...g.seg].filter((s) => truth.has(s)).length;
      expect(onTruth / g.seg.length).toBeGreaterThan(0.95);
    }
  });

  it('leaves a piece far from any road unmatched (−1)', () => {
    const city = generateCity({ seed: 3, size: 1000 });
    const far = city.toLonLat(city.extent.maxX + 5000, city.extent.maxY + 5000);
    const farther = city.toLonLat(city.extent.maxX + 5200, city.extent.maxY + 5000);
    const g = geometryFromShape(city, new SegmentMatcher(city), [far, farther]);
    expect([...g.seg].every((s) => s === -1)).toBe(true);
  });

  it('does not take the other carriageway of a two-way street', () => {
    const city = generateCity({ seed: 3, size: 1000 });
    const s = city.segments.findIndex((x) => x.roadClass === 'primary');
    const g = geometryFromShape(city, new SegmentMatcher(city), [...city.segments[s].path].reverse());
    expect(new Set(g.seg)).toEqual(new Set([city.segments[s].reverse]));
  });
});

describe('positions along a path', () => {
  it('gives the bearing of travel: 90° heading east', () => {
    const city = generateCity({ seed: 3, size: 1000 });
    const east = city.segments.findIndex((x) => x.xy.length === 2 && Math.abs(x.xy[1][1] - x.xy[0][1]) < 0.05 * Math.abs(x.xy[1][0] - x.xy[0][0]) && x.xy[1][0] > x.xy[0][0]);
    const at = pointAt(geometryFromSegments(city, [east]), 10);
    expect(Math.abs(at.bearing - 90)).toBeLessThan(10);
  });

  it('projects a point onto the path no earlier than where the search starts', () => {
    const city = generateCity({ seed: 3, size: 1000 });
    const g = geometryFromSegments(city, [0]);
    const local = toLocal(city);
    const mid = local(pointAt(g, g.length / 2).lonLat);
    expect(distanceAlong(g, mid, 0)).toBeCloseTo(g.length / 2, 0);
    expect(distanceAlong(g, mid, g.length * 0.75)).toBeCloseTo(g.length * 0.75, 5);
  });
});
