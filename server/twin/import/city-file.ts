import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importedCitySchema, type ImportedCity } from '@/lib/protocol/city-import';
import { issuesOf } from '@/lib/validation';
import { buildAdjacency } from '../adjacency';
import type { City, CitySegment } from '../city';
import { projection } from '../geo';
import { ImportError } from './problems';

/** Margin around an imported network's junctions, in metres (the map's initial view). */
const EXTENT_PAD_M = 200;

/** Where an imported city lives in DATA_DIR: the network and a validated copy of its GTFS feed. */
export function cityPaths(dataDir: string): { dir: string; city: string; gtfs: string } {
  const dir = join(dataDir, 'city');
  return { dir, city: join(dir, 'city.json'), gtfs: join(dir, 'gtfs.zip') };
}

export function extentOf(nodes: ReadonlyArray<{ x: number; y: number }>, pad = EXTENT_PAD_M): City['extent'] {
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const p of nodes) [minX, maxX, minY, maxY] = [Math.min(minX, p.x), Math.max(maxX, p.x), Math.min(minY, p.y), Math.max(maxY, p.y)];
  return { minX: minX - pad, maxX: maxX + pad, minY: minY - pad, maxY: maxY + pad };
}

/** The City the twin runs, from an imported network (paths in WGS84, adjacency, extent). */
export function cityFromImport(file: ImportedCity, seed: number): City {
  const proj = projection(file.center);
  const segments: CitySegment[] = file.segments.map((s) => ({ ...s, path: s.xy.map(([x, y]) => proj.toLonLat(x, y)) }));
  const extent = extentOf(file.nodes);
  return {
    name: file.name,
    seed,
    center: file.center,
    nodes: file.nodes,
    segments,
    streets: file.streets,
    bridges: file.bridges,
    areas: file.areas,
    adjacency: buildAdjacency(file.nodes.length, segments),
    extent,
    bbox: [...proj.toLonLat(extent.minX, extent.minY), ...proj.toLonLat(extent.maxX, extent.maxY)],
    toLonLat: proj.toLonLat,
  };
}

/** Write the imported city (and its feed, or remove a previous import's) into DATA_DIR/city, atomically per file. */
export async function saveImportedCity(dataDir: string, file: ImportedCity, gtfsZip?: Uint8Array): Promise<ReturnType<typeof cityPaths>> {
  const paths = cityPaths(dataDir);
  await mkdir(paths.dir, { recursive: true });
  const write = async (path: string, body: string | Uint8Array) => {
    await writeFile(`${path}.tmp`, body);
    await rename(`${path}.tmp`, path);
  };
  if (gtfsZip) await write(paths.gtfs, gtfsZip);
  else await rm(paths.gtfs, { force: true });
  await write(paths.city, JSON.stringify(file));
  return paths;
}

/** Parse and validate an imported city file; an ImportError names the file and the bad fields. */
export function parseImportedCity(text: string, path: string): ImportedCity {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ImportError(`${path} is not valid JSON (${err instanceof Error ? err.message : String(err)}); run npm run city:import again`);
  }
  const r = importedCitySchema.safeParse(json);
  if (!r.success) {
    const issues = issuesOf(r.error).slice(0, 3);
    throw new ImportError(`${path} is not a valid imported city: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
  }
  return r.data;
}

export interface LoadedCity {
  city: City;
  file: ImportedCity;
  /** The imported GTFS feed, when the import had one. */
  gtfsPath: string | null;
}

/** The imported city in DATA_DIR, or null when none was imported. A broken file is an ImportError, not a silent fallback. */
export function loadImportedCity(dataDir: string, seed: number): LoadedCity | null {
  const paths = cityPaths(dataDir);
  if (!existsSync(paths.city)) return null;
  const file = parseImportedCity(readFileSync(paths.city, 'utf8'), paths.city);
  return { city: cityFromImport(file, seed), file, gtfsPath: existsSync(paths.gtfs) ? paths.gtfs : null };
}
