import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { CityImportArgs, ImportedCity } from '@/lib/protocol/city-import';
import type { GtfsFeed } from '@/lib/gtfs/schema';
import { validateGtfs, type GtfsProblem } from '@/lib/gtfs/validate';
import { GtfsParseError, parseGtfsZip } from '@/lib/gtfs/zip';
import { buildImportedCity } from './build-city';
import { cityFromImport, saveImportedCity } from './city-file';
import { ImportError } from './problems';
import { readRoads } from './read-roads';

export interface GtfsSummary {
  file: string;
  agencies: number;
  routes: number;
  stops: number;
  trips: number;
  stopTimes: number;
  shapes: number;
  warnings: GtfsProblem[];
  /** Stops with a position outside the road network's extent: a feed for another place shows here. */
  stopsOutside: number;
}

export interface ImportResult {
  file: ImportedCity;
  gtfs: GtfsSummary | null;
  paths: { city: string; gtfs: string | null };
  ms: { roads: number; gtfs: number; total: number };
  /** DATA_DIR already held a store (from an earlier city): its history and segments stay there. */
  existingStore: boolean;
}

/** "monaco.osm.gz" → "Monaco". */
export function cityNameFromFile(path: string): string {
  const stem = basename(path).replace(/(\.(osm|pbf|xml|geojson|json|gz))+$/i, '') || 'Imported city';
  return stem.charAt(0).toUpperCase() + stem.slice(1);
}

/** Read and check a GTFS zip with lib/gtfs: unreadable tables or errors (a trip that cannot run) refuse the import. */
async function readFeed(path: string): Promise<{ bytes: Uint8Array; feed: GtfsFeed; warnings: GtfsProblem[] }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new ImportError(`cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  let feed: GtfsFeed;
  try {
    feed = parseGtfsZip(bytes);
  } catch (err) {
    if (err instanceof GtfsParseError) throw new ImportError(`${basename(path)} is not a usable GTFS feed: ${err.issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    throw err;
  }
  const problems = validateGtfs(feed);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length)
    throw new ImportError(
      `${basename(path)} has ${errors.length} error(s): ${errors
        .slice(0, 5)
        .map((p) => `${p.file}${p.row ? ` row ${p.row}` : ''}${p.field ? ` ${p.field}` : ''}: ${p.message}`)
        .join('; ')}`,
    );
  return { bytes, feed, warnings: problems.filter((p) => p.severity === 'warning') };
}

/**
 * The whole import: read the roads, build the network, read and validate the GTFS feed, then
 * write both into DATA_DIR/city, where the twin finds them at its next start. Nothing is written
 * unless everything read; ImportError for input that cannot be used.
 */
export async function importCity(args: CityImportArgs, dataDir: string): Promise<ImportResult> {
  const t0 = performance.now();
  const osm = await readRoads(args.roads);
  const file = buildImportedCity(osm, {
    name: args.name ?? cityNameFromFile(args.roads),
    source: { roads: basename(args.roads), ...(args.gtfs ? { gtfs: basename(args.gtfs) } : {}) },
  });
  const t1 = performance.now();

  let gtfs: GtfsSummary | null = null;
  let bytes: Uint8Array | undefined;
  if (args.gtfs) {
    const read = await readFeed(args.gtfs);
    bytes = read.bytes;
    const { feed } = read;
    const [w, s, e, n] = cityFromImport(file, 0).bbox;
    const located = feed.stops.filter((st) => st.stop_lat !== undefined && st.stop_lon !== undefined);
    gtfs = {
      file: basename(args.gtfs),
      agencies: feed.agency.length,
      routes: feed.routes.length,
      stops: feed.stops.length,
      trips: feed.trips.length,
      stopTimes: feed.stopTimes.length,
      shapes: new Set(feed.shapes.map((p) => p.shape_id)).size,
      warnings: read.warnings,
      stopsOutside: located.filter((st) => {
        const [lon, lat] = [st.stop_lon as number, st.stop_lat as number];
        return lon < w || lon > e || lat < s || lat > n;
      }).length,
    };
  }
  const t2 = performance.now();
  const existingStore = existsSync(join(dataDir, 'pglite'));
  const paths = await saveImportedCity(dataDir, file, bytes);
  return {
    file,
    gtfs,
    paths: { city: paths.city, gtfs: bytes ? paths.gtfs : null },
    ms: { roads: t1 - t0, gtfs: t2 - t1, total: performance.now() - t0 },
    existingStore,
  };
}
