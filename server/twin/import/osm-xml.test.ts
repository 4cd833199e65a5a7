import { existsSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildImportedCity } from './build-city';
import { readOsmXml } from './osm-xml';
import { ImportError } from './problems';

const text = (s: string) => Readable.from([Buffer.from(s)]);

const SMALL = `<?xml version='1.0' encoding='UTF-8'?>
<osm version="0.6">
  <bounds minlat="43.72" minlon="7.40" maxlat="43.76" maxlon="7.44"/>
  <node id="1" lat="43.730" lon="7.420"/>
  <node id="2" lat="43.731" lon="7.420"><tag k="highway" v="traffic_signals"/></node>
  <node id="3" lat="43.732" lon="7.420"/>
  <node id="4" lat="abc" lon="7.421"/>
  <node id="5" lat="91" lon="7.421"/>
  <node id="6" lat="43.731" lon="7.422"/>
  <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="primary"/><tag k="name" v="Rue Grimaldi"/></way>
  <way id="11"><nd ref="2"/><nd ref="6"/><nd ref="99"/><tag k="highway" v="residential"/></way>
  <way id="12"><nd ref="4"/><nd ref="5"/><tag k="highway" v="residential"/></way>
  <way id="13"><nd ref="1"/><nd ref="3"/><tag k="highway" v="footway"/></way>
  <relation id="20"><member type="way" ref="10" role=""/><tag k="highway" v="primary"/></relation>
</osm>`;

const monaco = '../shared/data/osm/monaco.osm.gz';
const haveMonaco = existsSync(monaco);
if (!haveMonaco) console.log(`skipping the truncated-gzip test: ${monaco} is absent`);

describe('reading OSM XML', () => {
  it('reads nodes, ways, tags, bounds and traffic signals, leaving relations out', async () => {
    const osm = await readOsmXml(text(SMALL), 'small.osm');
    expect(osm.bounds).toEqual([7.4, 43.72, 7.44, 43.76]);
    expect(osm.nodes.get(2)).toEqual([7.42, 43.731]);
    expect([...osm.signals]).toEqual([2]);
    expect(osm.ways.map((w) => w.key)).toEqual(['w10', 'w11', 'w12', 'w13']);
    expect(osm.ways[0].tags).toEqual({ highway: 'primary', name: 'Rue Grimaldi' });
    expect(osm.waysRead).toBe(4);
  });

  it('reports nodes with unusable coordinates and keeps the rest', async () => {
    const osm = await readOsmXml(text(SMALL), 'small.osm');
    expect(osm.badCoordinates.count).toBe(2);
    expect(osm.badCoordinates.examples[0]).toMatch(/^node 4: lat/);
    expect([...osm.badNodes].sort()).toEqual([4, 5]);
  });

  it('reports a way’s missing nodes and a way left with too few, and imports what remains', async () => {
    const file = buildImportedCity(await readOsmXml(text(SMALL), 'small.osm'), { name: 'S', source: { roads: 'small.osm' } });
    expect(file.report.broken.missingNodes).toEqual({ count: 1, examples: ['way 11: node 99 is not in the file'] });
    expect(file.report.broken.tooFewNodes.examples).toEqual(['way 12: 0 usable node(s) of 2']);
    expect(file.report.droppedByHighway).toEqual({ footway: 1 });
    expect(file.segments.some((s) => s.name === 'Rue Grimaldi')).toBe(true);
  });

  it('refuses truncated XML, naming the line', async () => {
    await expect(readOsmXml(text(SMALL.slice(0, 400)), 'cut.osm')).rejects.toThrow(ImportError);
    await expect(readOsmXml(text(SMALL.slice(0, 400)), 'cut.osm')).rejects.toThrow(/cut.osm is not well-formed OSM XML \(line \d+\)/);
  });

  it('refuses XML that is not OSM, and garbage', async () => {
    await expect(readOsmXml(text('<html><body>404</body></html>'), 'page.osm')).rejects.toThrow(/root element is <html>/);
    await expect(readOsmXml(text('\u0000\u0001garbage'), 'junk.osm')).rejects.toThrow(ImportError);
    await expect(readOsmXml(text(''), 'empty.osm')).rejects.toThrow(/empty/);
  });

  it.skipIf(!haveMonaco)('refuses a truncated .osm.gz with a clear error', async () => {
    const bytes = readFileSync(monaco);
    const cut = Readable.from([bytes.subarray(0, bytes.length / 3)]).pipe(createGunzip());
    await expect(readOsmXml(cut, 'monaco-cut.osm.gz')).rejects.toThrow(/monaco-cut.osm.gz could not be read \(truncated/);
  });
});
