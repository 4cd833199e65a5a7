import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { roadSegmentSchema } from '@/lib/domain/road';
import { basemapSchema } from '@/lib/protocol/basemap';
import { segmentIdSchema } from '@/lib/protocol/models-api';
import { upsertBatchSchema } from '@/lib/protocol/ngsi';
import { downstreamOf, upstreamOf } from '../adjacency';
import { buildBasemap } from '../basemap';
import { roadSegmentEntities } from '../ngsi';
import { TrafficSim } from '../sim';
import { buildImportedCity } from './build-city';
import { cityFromImport, parseImportedCity } from './city-file';
import { readRoads } from './read-roads';

/** Real OpenStreetMap extracts from ../shared/data (ODbL); skipped with a message when absent. */
const EXTRACTS = [
  { name: 'Monaco', path: '../shared/data/osm/monaco.osm.gz', minSegments: 600 },
  { name: 'Andorra', path: '../shared/data/osm/andorra.osm.pbf', minSegments: 2500 },
];
const MONDAY_8AM = Date.parse('2026-11-16T08:00:00Z');

/** One import per extract, shared read-only by its tests (an import takes a second or two). */
const imports = new Map<string, ReturnType<typeof importOnce>>();
async function importOnce(path: string, name: string) {
  const t0 = performance.now();
  const osm = await readRoads(path);
  const file = buildImportedCity(osm, { name, source: { roads: path } });
  const ms = performance.now() - t0;
  const r = file.report;
  console.log(
    `${name}: imported in ${ms.toFixed(0)} ms — ${r.segments} segments, ${r.junctions} junctions (${r.signalised} signalised), ${r.oneWaySegments} one-way; ` +
      `dropped ${r.disconnectedSegments} disconnected segments of ${r.components} components; broken: ${Object.entries(r.broken).map(([k, v]) => `${k} ${v.count}`).join(', ')}`,
  );
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of osm.nodes.values()) [w, s, e, n] = [Math.min(w, lon), Math.min(s, lat), Math.max(e, lon), Math.max(n, lat)];
  return { file, city: cityFromImport(file, 7), bounds: osm.bounds ?? [w, s, e, n] };
}
const load = (path: string, name: string) => {
  if (!imports.has(path)) imports.set(path, importOnce(path, name));
  return imports.get(path) as ReturnType<typeof importOnce>;
};

for (const x of EXTRACTS) {
  const present = existsSync(x.path);
  if (!present) console.log(`skipping the ${x.name} import tests: ${x.path} is absent (see ../shared/data/README.md)`);

  describe.skipIf(!present)(`importing the real ${x.name} extract`, () => {
    it('yields a road network of sensible size, mostly named, with main roads and local streets', async () => {
      const { file } = await load(x.path, x.name);
      expect(file.segments.length).toBeGreaterThan(x.minSegments);
      expect(file.nodes.length).toBeGreaterThan(file.segments.length / 4);
      expect(file.report.segmentsByClass.primary).toBeGreaterThan(50);
      expect(file.report.segmentsByClass.secondary).toBeGreaterThan(50);
      expect(file.report.segmentsByClass.residential).toBeGreaterThan(200);
      expect(file.segments.filter((s) => !s.name.startsWith('Unnamed')).length / file.segments.length).toBeGreaterThan(0.5);
      // Most of the network survives the connectivity filter.
      expect(file.report.disconnectedSegments).toBeLessThan(0.1 * file.segments.length);
    });

    it('keeps every segment’s path inside the extract’s bounds', async () => {
      const { city, bounds } = await load(x.path, x.name);
      const [w, s, e, n] = bounds;
      const eps = 2e-6; // the 1e-6° rounding of paths
      for (const seg of city.segments) for (const [lon, lat] of seg.path) expect(lon >= w - eps && lon <= e + eps && lat >= s - eps && lat <= n + eps).toBe(true);
    });

    it('gives every segment a valid shape and id, and a consistent twin when two-way', async () => {
      const { city } = await load(x.path, x.name);
      city.segments.forEach((s, i) => {
        expect(roadSegmentSchema.safeParse(s).success).toBe(true);
        expect(segmentIdSchema.safeParse(s.id).success).toBe(true);
        if (s.reverse >= 0) expect([city.segments[s.reverse].reverse, city.segments[s.reverse].from, city.segments[s.reverse].to]).toEqual([i, s.to, s.from]);
      });
      expect(new Set(city.segments.map((s) => s.id)).size).toBe(city.segments.length);
      expect(upsertBatchSchema.safeParse(roadSegmentEntities(city)).success).toBe(true);
    });

    it('links segments consistently, and every segment can be left', async () => {
      const { city } = await load(x.path, x.name);
      city.segments.forEach((s, i) => {
        const down = downstreamOf(city.adjacency, i);
        expect(down.length).toBeGreaterThan(0);
        for (const j of down) {
          expect(city.segments[j].from).toBe(s.to);
          expect(upstreamOf(city.adjacency, j)).toContain(i);
        }
      });
      expect(city.adjacency.up.length).toBe(city.adjacency.down.length);
    });

    it('runs traffic on it that conserves vehicles and keeps speeds in bounds', async () => {
      const { city } = await load(x.path, x.name);
      const sim = new TrafficSim(city, { seed: 3, start: MONDAY_8AM });
      for (let k = 0; k < 360; k++) {
        const before = sim.totalVehicles();
        sim.step();
        expect(sim.totalVehicles()).toBeCloseTo(before + sim.last.entered - sim.last.exited, 6);
      }
      expect(sim.totalVehicles()).toBeGreaterThan(0);
      city.segments.forEach((s, i) => {
        expect(sim.speedKmh[i]).toBeGreaterThanOrEqual(0);
        expect(sim.speedKmh[i]).toBeLessThanOrEqual(s.freeFlowKmh);
        expect(sim.occupancy[i]).toBeLessThanOrEqual(1);
      });
    });

    it('draws a valid basemap of its streets and areas, framed on the city', async () => {
      const { city } = await load(x.path, x.name);
      const basemap = basemapSchema.parse(buildBasemap(city));
      const kinds = new Set(basemap.features.map((f) => f.properties.kind));
      expect([...kinds]).toEqual(expect.arrayContaining(['land', 'road', 'water', 'park', 'city']));
      const [w, s, e, n] = basemap.bbox;
      for (const seg of city.segments) for (const [lon, lat] of seg.path) expect(lon >= w && lon <= e && lat >= s && lat <= n).toBe(true);
    });

    it('survives being written out and read back as the same city', async () => {
      const { file, city } = await load(x.path, x.name);
      const again = cityFromImport(parseImportedCity(JSON.stringify(file), 'city.json'), 7);
      expect(again.segments.map((s) => s.path)).toEqual(city.segments.map((s) => s.path));
      expect(again.bbox).toEqual(city.bbox);
    });
  });
}
