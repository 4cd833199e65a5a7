import { readFileSync } from 'node:fs';
import type { GtfsFeed } from '@/lib/gtfs/schema';
import { GtfsParseError, parseGtfsZip } from '@/lib/gtfs/zip';
import { generateCity, type City } from '../city';
import { loadImportedCity } from './city-file';
import { ImportError } from './problems';

/**
 * The city the twin runs: the one imported into DATA_DIR/city (`npm run city:import`) when there
 * is one, with its GTFS feed if it came with one; else the town generated from the seed.
 */
export function chooseCity(opts: { dataDir: string; seed: number; size: number }): { city: City; gtfs?: GtfsFeed; origin: string } {
  const imported = loadImportedCity(opts.dataDir, opts.seed);
  if (!imported) return { city: generateCity({ seed: opts.seed, size: opts.size }), origin: `generated from seed ${opts.seed}` };
  const { file, gtfsPath } = imported;
  let gtfs: GtfsFeed | undefined;
  if (gtfsPath) {
    try {
      gtfs = parseGtfsZip(readFileSync(gtfsPath));
    } catch (err) {
      if (err instanceof GtfsParseError) throw new ImportError(`${gtfsPath} is no longer a readable GTFS feed (${err.message}); run npm run city:import again`);
      throw err;
    }
  }
  return { city: imported.city, gtfs, origin: `imported from ${file.source.roads}${file.source.gtfs ? ` with ${file.source.gtfs}` : ''} on ${file.importedAt.slice(0, 10)}` };
}
