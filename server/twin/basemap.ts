import type { LonLat } from '@/lib/domain/road';
import type { Basemap, BasemapFeature } from '@/lib/protocol/basemap';
import { RIVER_HALF_WIDTH, RIVER_NAME, type City } from './city';
import type { XY } from './geo';
import { DISTRICT_NAMES } from './names';
import { Random } from './random';

/**
 * The city's own basemap: land, water, parks, districts, streets, bridges and place labels, so
 * the map needs nothing from the internet. Any city gets land, its streets, bridges and areas;
 * the generated town also gets its districts, parks and river from its grid.
 */
export function buildBasemap(city: City): Basemap {
  const ll = (p: XY): LonLat => city.toLonLat(p[0], p[1]);
  const features: BasemapFeature[] = [];

  // Spreading 40,000 node coordinates into Math.min would risk the argument limit; the city has its extent.
  const { minX, maxX, minY, maxY } = city.extent;
  features.push({
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [[ll([minX, minY]), ll([maxX, minY]), ll([maxX, maxY]), ll([minX, maxY]), ll([minX, minY])]] },
    properties: { kind: 'land' },
  });
  if (city.grid && city.river) features.push(...generatedTownFeatures(city, city.grid, city.river));
  for (const a of city.areas ?? [])
    features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [a.xy.map(ll)] }, properties: a.name ? { kind: a.kind, name: a.name } : { kind: a.kind } });

  for (const s of city.streets)
    if (s.xy.length >= 2)
      features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: s.xy.map(ll) }, properties: { kind: 'road', name: s.name, roadClass: s.roadClass } });
  for (const b of city.bridges)
    features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: b.xy.map(ll) }, properties: { kind: 'bridge', name: b.name, roadClass: b.roadClass } });

  features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: city.center }, properties: { kind: 'city', name: city.name } });
  return { type: 'FeatureCollection', name: city.name, center: city.center, bbox: city.bbox, features };
}

/** Districts, parks and the river of the generated town, laid out on its street grid. */
function generatedTownFeatures(city: City, grid: NonNullable<City['grid']>, river: XY[]): BasemapFeature[] {
  const rng = new Random(city.seed ^ 0x68e31da4);
  const ll = (p: XY): LonLat => city.toLonLat(p[0], p[1]);
  const { n, nodeAt, riverRow } = grid;
  const node = (i: number, j: number): XY => [city.nodes[nodeAt(i, j)].x, city.nodes[nodeAt(i, j)].y];
  const features: BasemapFeature[] = [];

  // Districts: the grid cut into 3 × 3 blocks of streets.
  const cuts = [0, Math.floor(n / 3), Math.floor((2 * n) / 3), n - 1];
  const names = rng.shuffle(DISTRICT_NAMES);
  let d = 0;
  for (let a = 0; a < 3; a++) {
    for (let b = 0; b < 3; b++) {
      const [i0, i1, j0, j1] = [cuts[a], cuts[a + 1], cuts[b], cuts[b + 1]];
      const ring: XY[] = [];
      for (let j = j0; j <= j1; j++) ring.push(node(i0, j));
      for (let i = i0 + 1; i <= i1; i++) ring.push(node(i, j1));
      for (let j = j1 - 1; j >= j0; j--) ring.push(node(i1, j));
      for (let i = i1 - 1; i >= i0; i--) ring.push(node(i, j0));
      const name = names[d++ % names.length];
      features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring.map(ll)] }, properties: { kind: 'district', name } });
      const c = node(Math.round((i0 + i1) / 2), Math.round((j0 + j1) / 2));
      features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: ll([c[0] + 60, c[1] + 60]) }, properties: { kind: 'district', name } });
    }
  }

  // Parks: some street blocks, away from the river, shrunk inside their streets.
  const parkCount = Math.max(3, Math.round((n * n) / 60));
  const taken = new Set<number>();
  for (let k = 0; k < parkCount * 3 && taken.size < parkCount; k++) {
    const i = rng.int(0, n - 1);
    const j = rng.int(0, n - 1);
    if (i === riverRow || taken.has(i * n + j)) continue;
    taken.add(i * n + j);
    const corners = [node(i, j), node(i, j + 1), node(i + 1, j + 1), node(i + 1, j)];
    const cx = corners.reduce((s, p) => s + p[0], 0) / 4;
    const cy = corners.reduce((s, p) => s + p[1], 0) / 4;
    const ring = corners.map(([x, y]): XY => [cx + (x - cx) * 0.78, cy + (y - cy) * 0.78]);
    ring.push(ring[0]);
    features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring.map(ll)] }, properties: { kind: 'park', name: 'Park' } });
  }

  // The river: a band around its centre line.
  const northBank = river.map(([x, y]): XY => [x, y + RIVER_HALF_WIDTH]);
  const southBank = river.map(([x, y]): XY => [x, y - RIVER_HALF_WIDTH]).reverse();
  const water = [...northBank, ...southBank, northBank[0]].map(ll);
  features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [water] }, properties: { kind: 'water', name: RIVER_NAME } });
  const mid = river[Math.floor(river.length / 2) + 1];
  features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: ll(mid) }, properties: { kind: 'water-label', name: RIVER_NAME } });
  return features;
}
