import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { createGunzip, gunzipSync } from 'node:zlib';
import { readRoadsGeoJson } from './geojson';
import type { OsmData } from './osm-data';
import { looksLikePbf, readOsmPbf } from './osm-pbf';
import { readOsmXml } from './osm-xml';
import { ImportError } from './problems';

const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/** The first non-blank character of a text file: '<' for XML, '{' for JSON. */
function firstChar(head: Uint8Array): string {
  const text = Buffer.from(head).toString('utf8').replace(/^\uFEFF/, '');
  return text.trimStart()[0] ?? '';
}

/**
 * Read a roads file as people download them: .osm.pbf, .osm, .osm.gz, or GeoJSON (optionally
 * gzipped). The format is told by the bytes, not only the name; anything else is an ImportError.
 */
export async function readRoads(path: string): Promise<OsmData> {
  const name = basename(path);
  let head: Uint8Array;
  try {
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.alloc(64);
      const { bytesRead } = await fh.read(buf, 0, 64, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw new ImportError(`cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!head.length) throw new ImportError(`${name} is empty`);
  if (looksLikePbf(head)) return readOsmPbf(await readFile(path), name);
  if (isGzip(head)) {
    // A gzipped file: stream XML through; JSON is small enough to inflate whole.
    if (/json(\.gz)?$/i.test(name)) {
      let text: string;
      try {
        text = gunzipSync(await readFile(path)).toString('utf8');
      } catch (err) {
        throw new ImportError(`${name} could not be unzipped (truncated?): ${err instanceof Error ? err.message : String(err)}`);
      }
      return readRoadsGeoJson(text, name);
    }
    return readOsmXml(createReadStream(path).pipe(createGunzip()), name);
  }
  const c = firstChar(head);
  if (c === '<') return readOsmXml(createReadStream(path), name);
  if (c === '{') return readRoadsGeoJson(await readFile(path, 'utf8'), name);
  throw new ImportError(`${name} is not a roads file this importer reads (OSM PBF, OSM XML, gzipped OSM XML or GeoJSON)`);
}
