import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGtfsZip } from '@/lib/gtfs/zip';
import { cityPaths, loadImportedCity } from './city-file';
import { town } from './test-town';

const ANDORRA = '../shared/data/osm/andorra.osm.pbf';
const CALTRAIN = '../shared/data/gtfs/caltrain_20160406.zip';
const present = existsSync(ANDORRA) && existsSync(CALTRAIN);
if (!present) console.log(`skipping the city:import end-to-end test: ${ANDORRA} or ${CALTRAIN} is absent`);

/** Run the CLI as `npm run city:import` does, into its own DATA_DIR. */
function cityImport(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/twin/import/cli.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const tempDir = () => mkdtempSync(join(tmpdir(), 'polis-cli-'));

describe('npm run city:import', () => {
  it.skipIf(!present)('imports a real extract and GTFS feed into DATA_DIR and prints a summary', () => {
    const dir = tempDir();
    const r = cityImport(dir, '--roads', ANDORRA, '--gtfs', CALTRAIN, '--name', 'Andorra');
    expect(r.err).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Imported "Andorra" from andorra.osm.pbf in [\d.]+ s/);
    expect(r.out).toMatch(/network +[\d,]+ directed segments \([\d,]+ one-way\), [\d,]+ junctions/);
    expect(r.out).toMatch(/GTFS +caltrain_20160406.zip: 1 agencies, 4 routes, 95 stops, 218 trips/);
    const loaded = loadImportedCity(dir, 1);
    expect(loaded?.city.name).toBe('Andorra');
    expect(loaded?.city.segments.length).toBeGreaterThan(2500);
    expect(parseGtfsZip(readFileSync(cityPaths(dir).gtfs)).agency[0].agency_name).toBe('Caltrain');
  });

  it('names a missing or wrong argument and writes nothing', () => {
    const dir = tempDir();
    const r = cityImport(dir, '--gtfs', 'feed.zip');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--roads: is required/);
    expect(cityImport(dir, '--roads', 'roads.shp').err).toMatch(/--roads: must be a .osm.pbf, .osm, .osm.gz or .geojson file/);
    expect(existsSync(cityPaths(dir).city)).toBe(false);
  });

  it('fails with a clear message, not a crash, on a garbage roads file', () => {
    const dir = tempDir();
    const junk = join(dir, 'junk.osm.pbf');
    writeFileSync(junk, Buffer.from('PK\u0003\u0004 this is not a map at all'));
    const r = cityImport(dir, '--roads', junk);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^city:import failed: junk.osm.pbf is not a roads file this importer reads/);
    expect(r.err).not.toMatch(/    at /);
    expect(existsSync(cityPaths(dir).city)).toBe(false);
  });

  it('refuses a GTFS zip that is not a feed, leaving the city imported before untouched', () => {
    const dir = tempDir();
    const roads = join(dir, 'town.geojson');
    writeFileSync(roads, town());
    expect(cityImport(dir, '--roads', roads).code).toBe(0);
    const before = readFileSync(cityPaths(dir).city, 'utf8');
    const feed = join(dir, 'feed.zip');
    writeFileSync(feed, 'stop_id,stop_name\n1,Not zipped\n');
    const r = cityImport(dir, '--roads', roads, '--gtfs', feed);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^city:import failed: feed.zip is not a usable GTFS feed: \(zip\): not a readable zip/);
    expect(readFileSync(cityPaths(dir).city, 'utf8')).toBe(before);
  });
});
