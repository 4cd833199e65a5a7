/**
 * `npm run city:import -- --roads <file> [--gtfs feed.zip] [--name "Monaco"]`: import a real
 * city (an OpenStreetMap extract or GeoJSON roads, and a GTFS feed) into DATA_DIR/city, where
 * the twin picks it up at its next start instead of generating a town. Prints what it kept,
 * dropped and found broken. Exit code 0 on success, 1 when the input cannot be used, 2 on bad arguments.
 */
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@/lib/config';
import { cityImportArgsSchema, type Problem } from '@/lib/protocol/city-import';
import { issuesOf } from '@/lib/validation';
import { importCity, type ImportResult } from './import-city';
import { ImportError } from './problems';

const USAGE = 'usage: npm run city:import -- --roads <file.osm.pbf|.osm|.osm.gz|.geojson> [--gtfs <feed.zip>] [--name "City name"]';

const fmt = (n: number) => n.toLocaleString('en-GB');
const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${fmt(n)}`)
    .join(', ') || 'none';

/** The import summary people read in their terminal. */
export function formatSummary(r: ImportResult): string {
  const { file } = r;
  const rep = file.report;
  const brokenKinds: Array<[string, Problem]> = [
    ['invalid elements', rep.broken.invalidElements],
    ['bad coordinates', rep.broken.badCoordinates],
    ['missing nodes', rep.broken.missingNodes],
    ['ways with too few nodes', rep.broken.tooFewNodes],
    ['zero-length pieces', rep.broken.zeroLength],
  ];
  const broken = brokenKinds.filter(([, p]) => p.count > 0);
  const lines = [
    `Imported "${file.name}" from ${file.source.roads} in ${(r.ms.total / 1000).toFixed(1)} s (roads ${(r.ms.roads / 1000).toFixed(1)} s)`,
    `  roads     ${fmt(rep.roadWays)} drivable ways kept of ${fmt(rep.highwayWays)} with a highway tag (${fmt(rep.waysRead)} ways read)`,
    `  left out  ${list(rep.droppedByHighway)}`,
    `  network   ${fmt(rep.segments)} directed segments (${fmt(rep.oneWaySegments)} one-way), ${fmt(rep.junctions)} junctions (${fmt(rep.signalised)} signalised)`,
    `  classes   ${list(rep.segmentsByClass)}`,
    `  dropped   ${fmt(rep.disconnectedSegments)} segments and ${fmt(rep.disconnectedJunctions)} junctions outside the largest connected network (${fmt(rep.components)} parts in all)` +
      (rep.outsideBounds ? `; ${fmt(rep.outsideBounds)} road nodes outside the file's bounds` : ''),
    `  defaults  lanes on ${fmt(rep.defaulted.lanes)} segments, speed limit on ${fmt(rep.defaulted.maxspeed)}, name on ${fmt(rep.defaulted.name)}`,
    `  broken    ${broken.length ? broken.map(([k, p]) => `${k} ${fmt(p.count)}`).join(', ') : 'nothing'}`,
    ...broken.flatMap(([, p]) => p.examples.slice(0, 3).map((e) => `              e.g. ${e}`)),
    `  areas     ${fmt(rep.areas.water)} water, ${fmt(rep.areas.park)} parks`,
  ];
  if (r.gtfs) {
    const g = r.gtfs;
    lines.push(
      `  GTFS      ${g.file}: ${fmt(g.agencies)} agencies, ${fmt(g.routes)} routes, ${fmt(g.stops)} stops, ${fmt(g.trips)} trips, ${fmt(g.stopTimes)} stop times, ${fmt(g.shapes)} shapes, ${fmt(g.warnings.length)} warnings`,
    );
    for (const w of g.warnings.slice(0, 3)) lines.push(`              warning: ${w.file}${w.row ? ` row ${w.row}` : ''}: ${w.message}`);
    if (g.stopsOutside) lines.push(`            note: ${fmt(g.stopsOutside)} of ${fmt(g.stops)} stops lie outside the road network; is the feed for this city?`);
  }
  const shown = (p: string) => (relative(process.cwd(), p).startsWith('..') ? p : relative(process.cwd(), p));
  const written = [r.paths.city, r.paths.gtfs].filter((p): p is string => !!p).map(shown);
  lines.push(`Wrote ${written.join(' and ')}. The twin runs on this city from its next start.`);
  if (r.existingStore)
    lines.push('Note: DATA_DIR already holds a store from an earlier city; its history stays. Start from an empty DATA_DIR for a clean history.');
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options: { roads: { type: 'string' }, gtfs: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const args = cityImportArgsSchema.safeParse(values);
  if (!args.success) {
    console.error(`${issuesOf(args.error).map((i) => `--${i.path}: ${i.message}`).join('\n')}\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  try {
    console.log(formatSummary(await importCity(args.data, config.DATA_DIR)));
    return 0;
  } catch (err) {
    if (err instanceof ImportError) {
      console.error(`city:import failed: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
