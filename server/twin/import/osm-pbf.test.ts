import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readOsmPbf } from './osm-pbf';
import { ImportError } from './problems';

const andorra = '../shared/data/osm/andorra.osm.pbf';
const present = existsSync(andorra);
if (!present) console.log(`skipping the OSM PBF tests on real data: ${andorra} is absent`);

describe('reading OSM PBF', () => {
  it('refuses bytes that are not PBF at all', () => {
    expect(() => readOsmPbf(Buffer.from('<osm version="0.6"></osm>'), 'x.osm.pbf')).toThrow(/x.osm.pbf is not an OSM PBF file/);
  });

  it.skipIf(!present)('reads the nodes, ways and declared bounds of a real extract', () => {
    const osm = readOsmPbf(readFileSync(andorra), 'andorra.osm.pbf');
    expect(osm.nodes.size).toBeGreaterThan(50_000);
    expect(osm.ways.filter((w) => w.tags.highway).length).toBeGreaterThan(1000);
    expect(osm.bounds).toEqual([1.422104, 42.43509, 1.780386, 42.65717]);
  });

  it.skipIf(!present)('refuses a truncated file with an error naming the cut block', () => {
    const bytes = readFileSync(andorra);
    for (const share of [0.1, 0.6, 0.999]) {
      const cut = bytes.subarray(0, Math.floor(bytes.length * share));
      expect(() => readOsmPbf(cut, 'cut.osm.pbf')).toThrow(ImportError);
      expect(() => readOsmPbf(cut, 'cut.osm.pbf')).toThrow(/cut.osm.pbf is not a complete OSM PBF file: block \d+ at byte \d+ is cut short/);
    }
  });

  it.skipIf(!present)('refuses a file with corrupted compressed data instead of parsing garbage', () => {
    const bytes = Buffer.from(readFileSync(andorra));
    for (let i = 300_000; i < 300_100; i++) bytes[i] ^= 0x5a;
    expect(() => readOsmPbf(bytes, 'bad.osm.pbf')).toThrow(/bad.osm.pbf is not a complete OSM PBF file: block \d+ at byte \d+ is corrupt/);
  });
});
