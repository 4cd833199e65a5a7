import { describe, expect, it } from 'vitest';
import { roadSegmentSchema } from '@/lib/domain/road';
import { downstreamOf } from '../adjacency';
import { buildImportedCity } from './build-city';
import { cityFromImport } from './city-file';
import { readRoadsGeoJson } from './geojson';
import { ImportError } from './problems';
import { at, line, town } from './test-town';

const build = (text: string) => buildImportedCity(readRoadsGeoJson(text, 'town.geojson'), { name: 'Town', source: { roads: 'town.geojson' } });
const named = (file: ReturnType<typeof build>, name: string) => file.segments.filter((s) => s.name === name);

describe('importing roads from GeoJSON', () => {
  it('gives untagged roads their class defaults for lanes, speed, capacity and name', () => {
    const cross = named(build(town()), 'Unnamed residential road');
    expect(cross.length).toBe(4);
    for (const s of cross) expect(s).toMatchObject({ roadClass: 'residential', lanes: 1, freeFlowKmh: 30, capacityVph: 900 });
  });

  it('treats a line with no properties at all as a road of unknown type', () => {
    const file = build(town([line(null, at(0, 2), at(0, 3), at(0, 2.5))]));
    const unknown = named(file, 'Unnamed road');
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.every((s) => s.roadClass === 'residential')).toBe(true);
  });

  it('reads lanes and maxspeed, splitting a two-way road’s lanes between its directions', () => {
    const file = build(town());
    for (const s of named(file, 'Main Street')) expect(s).toMatchObject({ lanes: 2, freeFlowKmh: 50, capacityVph: 3600 });
    for (const s of named(file, 'East Lane')) expect(s.freeFlowKmh).toBe(48.3);
  });

  it('cuts roads into segments where they meet, with stable ids from the feature id', () => {
    const ids = named(build(town()), 'Main Street').map((s) => s.id).sort();
    expect(ids).toEqual(['gway.100-0b', 'gway.100-0f', 'gway.100-1b', 'gway.100-1f']);
    for (const s of named(build(town()), 'Main Street')) expect(s.lengthM).toBeGreaterThan(95);
  });

  it('makes oneway=yes streets one-way along the line and oneway=-1 against it', () => {
    const file = build(town());
    const north = named(file, 'North Row');
    const south = named(file, 'South Row');
    expect(north.length).toBe(2);
    expect(south.length).toBe(2);
    for (const s of [...north, ...south]) expect(s.reverse).toBe(-1);
    // North Row runs west → east as drawn; South Row, drawn west → east, runs east → west.
    for (const s of north) expect(s.xy[s.xy.length - 1][0]).toBeGreaterThan(s.xy[0][0]);
    for (const s of south) expect(s.xy[s.xy.length - 1][0]).toBeLessThan(s.xy[0][0]);
  });

  it('pairs the two directions of a two-way street', () => {
    const file = build(town());
    file.segments.forEach((s, i) => {
      if (s.reverse < 0) return;
      expect(file.segments[s.reverse].reverse).toBe(i);
      expect(file.segments[s.reverse].from).toBe(s.to);
    });
  });

  it('drops footways, and parts traffic could enter but never leave, and reports both', () => {
    const file = build(town());
    expect(named(file, 'Garden Path')).toEqual([]);
    expect(named(file, 'Dead End')).toEqual([]);
    expect(named(file, 'Island Street')).toEqual([]);
    expect(file.report.droppedByHighway).toEqual({ footway: 1 });
    expect(file.report.disconnectedSegments).toBe(3);
    expect(file.report.components).toBeGreaterThanOrEqual(3);
  });

  it('merges a zero-length piece into one junction, so the road beyond stays connected', () => {
    const file = build(town());
    expect(file.report.broken.zeroLength.count).toBe(1);
    expect(named(file, 'Harbour Road').length).toBe(2);
  });

  it('reports broken features with examples and imports the rest', () => {
    const file = build(
      town([
        { type: 'Feature', properties: { highway: 'primary' }, geometry: null },
        line({ highway: 'primary' }, ['7.42', '43.73'], at(1, 1)),
        line({ highway: 'primary', name: 'Lone Point' }, at(1, 1)),
        line({ highway: 'primary', name: 'Off The Map' }, at(1, 1), [200, 95], at(1, 2)),
        'not a feature',
      ]),
    );
    expect(file.report.broken.invalidElements.count).toBe(3);
    expect(file.report.broken.invalidElements.examples[0]).toMatch(/^feature 11: geometry/);
    expect(file.report.broken.tooFewNodes.count).toBe(2);
    expect(file.report.broken.badCoordinates).toEqual({ count: 1, examples: ['feature 14: position 1 [200, 95] is out of range'] });
    expect(named(file, 'Main Street').length).toBe(4);
  });

  it('builds a city whose segments are valid and can always be left', () => {
    const city = cityFromImport(build(town()), 1);
    city.segments.forEach((s, i) => {
      expect(roadSegmentSchema.safeParse(s).success).toBe(true);
      const down = downstreamOf(city.adjacency, i);
      expect(down.length).toBeGreaterThan(0);
      for (const j of down) expect(city.segments[j].from).toBe(s.to);
    });
  });

  it('refuses a truncated file or one that is not a FeatureCollection with a clear error', () => {
    const text = town();
    expect(() => readRoadsGeoJson(text.slice(0, text.length / 2), 'cut.geojson')).toThrow(ImportError);
    expect(() => readRoadsGeoJson(text.slice(0, text.length / 2), 'cut.geojson')).toThrow(/cut.geojson is not valid JSON/);
    expect(() => readRoadsGeoJson('{"type":"Feature"}', 'f.geojson')).toThrow(/f.geojson is not a GeoJSON FeatureCollection: type/);
  });

  it('refuses a file with no drivable roads', () => {
    const text = JSON.stringify({ type: 'FeatureCollection', features: [line({ highway: 'footway' }, at(0, 0), at(1, 1))] });
    expect(() => build(text)).toThrow(/no drivable roads/);
  });
});
