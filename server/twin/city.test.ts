import { describe, expect, it } from 'vitest';
import { roadSegmentSchema } from '@/lib/domain/road';
import { downstreamOf, upstreamOf } from './adjacency';
import { buildBasemap } from './basemap';
import { generateCity, riverSide, type City } from './city';
import type { XY } from './geo';

/** Whether two line pieces meet (touching counts: bridges pass through the river line's own points). */
function crosses(a: XY, b: XY, c: XY, d: XY): boolean {
  const side = (p: XY, q: XY, r: XY) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const [s1, s2, s3, s4] = [side(a, b, c), side(a, b, d), side(c, d, a), side(c, d, b)];
  return s1 * s2 <= 0 && s3 * s4 <= 0 && !(s1 === 0 && s2 === 0);
}
const crossesLine = (path: readonly XY[], line: readonly XY[]) =>
  path.some((p, k) => k > 0 && line.some((q, m) => m > 0 && crosses(path[k - 1], p, line[m - 1], q)));

/** The generated town always has a river (only imported cities have none). */
function riverOf(city: City): XY[] {
  if (!city.river) throw new Error('the generated city has no river');
  return city.river;
}

describe('the generated city', () => {
  it('is the same city for the same seed', () => {
    const a = generateCity({ seed: 7, size: 2000 });
    const b = generateCity({ seed: 7, size: 2000 });
    expect(JSON.stringify(b.segments)).toBe(JSON.stringify(a.segments));
    expect(JSON.stringify(buildBasemap(b))).toBe(JSON.stringify(buildBasemap(a)));
  });

  it('is a different city for another seed', () => {
    const a = generateCity({ seed: 7, size: 2000 });
    const b = generateCity({ seed: 8, size: 2000 });
    expect(JSON.stringify(b.segments.map((s) => s.path))).not.toBe(JSON.stringify(a.segments.map((s) => s.path)));
  });

  it('has at least 2,000 directed segments and 150 signalised junctions by default', () => {
    const city = generateCity({ seed: 42, size: 2000 });
    expect(city.segments.length).toBeGreaterThanOrEqual(2000);
    expect(city.nodes.filter((n) => n.signalised).length).toBeGreaterThanOrEqual(150);
  });

  it('has a ring road, arterials, collectors and local streets', () => {
    const city = generateCity({ seed: 42, size: 2000 });
    const classes = new Set(city.segments.map((s) => s.roadClass));
    expect([...classes].sort()).toEqual(['motorway', 'primary', 'residential', 'secondary', 'tertiary']);
    expect(city.segments.filter((s) => s.name === 'Ring Road').length).toBeGreaterThanOrEqual(32);
  });

  it('gives every segment a valid shape, a name and a twin in the other direction', () => {
    const city = generateCity({ seed: 42, size: 2000 });
    city.segments.forEach((s, i) => {
      expect(roadSegmentSchema.safeParse(s).success).toBe(true);
      expect(city.segments[s.reverse].reverse).toBe(i);
      expect(city.segments[s.reverse].from).toBe(s.to);
    });
    expect(new Set(city.segments.map((s) => s.id)).size).toBe(city.segments.length);
  });

  it('crosses the river only on a few bridges', () => {
    const city = generateCity({ seed: 42, size: 2000 });
    const crossing = city.segments.filter((s) => {
      const [a, b] = [s.xy[0], s.xy[s.xy.length - 1]];
      return riverSide(riverOf(city), a[0], a[1]) !== riverSide(riverOf(city), b[0], b[1]);
    });
    expect(crossing.every((s) => s.bridge)).toBe(true);
    expect(city.bridges.length).toBeGreaterThanOrEqual(3);
    expect(city.bridges.length).toBeLessThanOrEqual(8);
    // Each bridge carries both directions.
    expect(crossing.length).toBe(2 * city.bridges.length);
  });

  it('draws the river’s centre line across only the bridge segments, with a bridge feature for each', () => {
    const city = generateCity({ seed: 42, size: 2000 });
    const crossing = city.segments.filter((s) => crossesLine(s.xy, riverOf(city)));
    expect(crossing.map((s) => s.id)).toEqual(city.segments.filter((s) => s.bridge).map((s) => s.id));
    expect(buildBasemap(city).features.filter((f) => f.properties.kind === 'bridge')).toHaveLength(city.bridges.length);
  });

  it('links each segment to the segments it feeds and is fed by, without U-turns except at dead ends', () => {
    const city = generateCity({ seed: 42, size: 2000 });
    const adj = city.adjacency;
    city.segments.forEach((s, i) => {
      const down = downstreamOf(adj, i);
      expect(down.length).toBeGreaterThan(0);
      for (const j of down) {
        expect(city.segments[j].from).toBe(s.to);
        expect(upstreamOf(adj, j)).toContain(i);
      }
      if (down.length > 1) expect(down).not.toContain(s.reverse);
      for (const k of upstreamOf(adj, i)) expect(city.segments[k].to).toBe(s.from);
    });
    expect(adj.up.length).toBe(adj.down.length);
  });

  it('scales to a 20,000-segment city', () => {
    const city = generateCity({ seed: 42, size: 20_000 });
    expect(city.segments.length).toBeGreaterThanOrEqual(20_000);
    expect(city.segments.length).toBeLessThan(22_000);
  });
});
