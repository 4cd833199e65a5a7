import type { Readable } from 'node:stream';
import sax from 'sax';
import type { OsmTags } from '@/lib/protocol/city-import';
import { OsmCollector, type OsmData } from './osm-data';
import { ImportError } from './problems';

type Open = { kind: 'node'; id: number; lat: number; lon: number; tags: OsmTags } | { kind: 'way'; id: number; refs: number[]; tags: OsmTags } | { kind: 'other'; tags: OsmTags };

/** Attribute text as a number; a missing or blank attribute is NaN (Number('') would be 0), which the schemas refuse. */
const num = (text: string | undefined) => (text === undefined || text.trim() === '' ? NaN : Number(text));

/**
 * Read OpenStreetMap XML (.osm) as a stream of text — gunzip .osm.gz before — with sax, so a file
 * never has to fit in memory as a DOM. Malformed or truncated XML is an ImportError with its line.
 */
export async function readOsmXml(text: Readable, name = 'the file'): Promise<OsmData> {
  const c = new OsmCollector();
  const parser = sax.parser(true, { trim: false, position: true });
  let root: string | null = null;
  let open: Open | null = null;

  parser.onerror = (err) => {
    throw new ImportError(`${name} is not well-formed OSM XML (line ${parser.line + 1}): ${err.message.split('\n')[0]}`);
  };
  parser.onopentag = (tag) => {
    const a = tag.attributes as Record<string, string>;
    if (root === null) {
      root = tag.name;
      if (root !== 'osm') throw new ImportError(`${name} is not OSM XML: its root element is <${root}>, not <osm>`);
      return;
    }
    switch (tag.name) {
      case 'bounds':
        c.bounds({ minlat: num(a.minlat), minlon: num(a.minlon), maxlat: num(a.maxlat), maxlon: num(a.maxlon) });
        break;
      case 'node':
        open = { kind: 'node', id: num(a.id), lat: num(a.lat), lon: num(a.lon), tags: {} };
        break;
      case 'way':
        open = { kind: 'way', id: num(a.id), refs: [], tags: {} };
        break;
      case 'relation':
        open = { kind: 'other', tags: {} };
        break;
      case 'nd':
        if (open?.kind === 'way') open.refs.push(num(a.ref));
        break;
      case 'tag':
        if (open && a.k !== undefined) open.tags[a.k] = a.v ?? '';
        break;
    }
  };
  parser.onclosetag = (tagName) => {
    if (!open) return;
    if (tagName === 'node' && open.kind === 'node') c.node(open, open.tags);
    else if (tagName === 'way' && open.kind === 'way') c.way(open);
    else if (tagName !== 'relation') return;
    open = null;
  };

  text.setEncoding('utf8');
  try {
    for await (const chunk of text) parser.write(chunk as string);
    parser.close();
  } catch (err) {
    if (err instanceof ImportError) throw err;
    // zlib: "unexpected end of file" for a cut .gz, "incorrect header check" for one that is not gzip.
    throw new ImportError(`${name} could not be read (truncated or not what its name says?): ${err instanceof Error ? err.message : String(err)}`);
  }
  if (root === null) throw new ImportError(`${name} is empty: no <osm> element`);
  return c.data;
}
