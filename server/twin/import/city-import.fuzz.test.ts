import { existsSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParams, mutatedBytes } from '@/lib/testing/fuzz';
import { buildImportedCity } from './build-city';
import type { OsmData } from './osm-data';
import { readOsmPbf } from './osm-pbf';
import { readOsmXml } from './osm-xml';
import { ImportError } from './problems';

const ANDORRA = '../shared/data/osm/andorra.osm.pbf';
const havePbf = existsSync(ANDORRA);
if (!havePbf) console.log(`skipping the PBF fuzz: ${ANDORRA} is absent`);

const XML = `<?xml version='1.0' encoding='UTF-8'?>
<osm version="0.6">
  <bounds minlat="43.72" minlon="7.40" maxlat="43.76" maxlon="7.44"/>
  <node id="1" lat="43.730" lon="7.420"/>
  <node id="2" lat="43.731" lon="7.420"><tag k="highway" v="traffic_signals"/></node>
  <node id="3" lat="43.732" lon="7.420"/>
  <node id="6" lat="43.731" lon="7.422"/>
  <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="primary"/><tag k="name" v="Rue Grimaldi"/><tag k="oneway" v="yes"/></way>
  <way id="11"><nd ref="2"/><nd ref="6"/><tag k="highway" v="residential"/><tag k="lanes" v="2"/><tag k="maxspeed" v="30"/></way>
</osm>`;

/** An import either gives a city or stops with an ImportError (what a person sees); anything else is a crash. */
async function importsOrRefuses(read: () => Promise<OsmData> | OsmData): Promise<'imported' | 'refused'> {
  try {
    const osm = await read();
    buildImportedCity(osm, { name: 'Fuzz', source: { roads: 'fuzz.osm' }, now: new Date(0) });
    return 'imported';
  } catch (err) {
    if (!(err instanceof ImportError)) throw new Error(`not an ImportError: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
    expect(err.message.length).toBeGreaterThan(0);
    return 'refused';
  }
}

/** XML text with a few edits: characters inserted, spans cut, attribute values swapped for junk, or cut short. */
const mutatedXml = fc.oneof(
  fc.noBias(fc.nat({ max: XML.length })).map((n) => XML.slice(0, n)),
  fc.array(fc.tuple(fc.noBias(fc.nat({ max: XML.length })), fc.nat({ max: 12 }), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 4 }).map((edits) => {
    let s = XML;
    for (const [at, cut, insert] of edits) s = s.slice(0, at) + insert + s.slice(at + cut);
    return s;
  }),
  fc.tuple(fc.constantFrom('lat', 'lon', 'id', 'ref', 'v', 'k', 'version'), fc.string({ maxLength: 8 })).map(([attr, junk]) => XML.replaceAll(new RegExp(`${attr}="[^"]*"`, 'g'), `${attr}="${junk.replaceAll('"', '&quot;')}"`)),
  fc.string({ maxLength: 60 }),
);

/**
 * The header block and the first data block of the real extract: a small, real file (8,000 nodes
 * and no ways, as ways come last in a PBF, so an intact one is refused for having no roads; the
 * road-building path is fuzzed with the XML snippets).
 */
function pbfSnippet(bytes: Uint8Array, blocks: number): Uint8Array {
  let pos = 0;
  for (let b = 0; b < blocks; b++) {
    const headerLen = new DataView(bytes.buffer, bytes.byteOffset).getInt32(pos, false);
    const header = bytes.subarray(pos + 4, pos + 4 + headerLen);
    // BlobHeader: field 3 (key 0x18) is the blob's size, a varint.
    let i = header.indexOf(0x18) + 1;
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const v = header[i++];
      size += (v & 0x7f) * 2 ** shift;
      if (v < 0x80) break;
    }
    pos += 4 + headerLen + size;
  }
  return bytes.slice(0, pos);
}

describe('the city import under generated bad input', () => {
  it('imports or refuses 10,000 mutated OSM XML snippets with an ImportError', async () => {
    const outcomes = { imported: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(mutatedXml, async (text) => {
        outcomes[await importsOrRefuses(() => readOsmXml(Readable.from([Buffer.from(text)]), 'fuzz.osm'))]++;
      }),
      fuzzParams(),
    );
    console.log('[fuzz] OSM XML', outcomes);
    expect(outcomes.refused).toBeGreaterThan(2_500);
  }, 60_000);

  it.skipIf(!havePbf)('imports or refuses 10,000 random, truncated and mutated OSM PBF snippets with an ImportError', async () => {
    const snippet = pbfSnippet(readFileSync(ANDORRA), 2);
    const outcomes = { imported: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(mutatedBytes(snippet), async (bytes) => {
        outcomes[await importsOrRefuses(() => readOsmPbf(bytes, 'fuzz.osm.pbf'))]++;
      }),
      fuzzParams(),
    );
    console.log(`[fuzz] OSM PBF (${snippet.length}-byte snippet)`, outcomes);
    expect(outcomes.refused).toBeGreaterThan(2_500);
  }, 60_000);
});
