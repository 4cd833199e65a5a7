import tinyOsmPbf from 'tiny-osmpbf';
import { OsmCollector, type OsmData } from './osm-data';
import { checkPbfFrames } from './pbf-frames';
import { ImportError } from './problems';

/** A PBF file starts with a 4-byte header length and an "OSMHeader" blob header. */
export function looksLikePbf(data: Uint8Array): boolean {
  return data.length > 16 && Buffer.from(data.subarray(4, 40)).toString('latin1').includes('OSMHeader');
}

/**
 * Read an OpenStreetMap .osm.pbf file (all of it in memory: extracts of a city are megabytes).
 * A truncated or corrupt file is an ImportError naming the file, never a crash.
 */
export function readOsmPbf(data: Uint8Array, name = 'the file'): OsmData {
  if (!looksLikePbf(data)) throw new ImportError(`${name} is not an OSM PBF file (no OSMHeader block at its start)`);
  checkPbfFrames(data, name);
  const c = new OsmCollector();
  let result;
  try {
    result = tinyOsmPbf(data, (e) => {
      if (e.type === 'node') c.node(e, e.tags);
      else if (e.type === 'way') c.way({ id: e.id, refs: e.nodes, tags: e.tags });
    });
  } catch (err) {
    throw new ImportError(`${name} could not be read as OSM PBF (truncated or corrupt?): ${err instanceof Error ? err.message : String(err)}`);
  }
  if (result.bounds) c.bounds(result.bounds);
  return c.data;
}
