import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateGtfs } from './validate';
import { parseGtfsZip, writeGtfsZip } from './zip';

const FEED = '../shared/data/gtfs/caltrain_20160406.zip';
const exists = existsSync(FEED);
if (!exists) console.log(`[gtfs] ${FEED} not found: skipping the real-feed tests`);

describe.skipIf(!exists)('the real Caltrain feed (April 2016)', () => {
  it('parses, with every table of it typed', () => {
    const feed = parseGtfsZip(readFileSync(FEED));
    const counts = Object.fromEntries(Object.entries(feed).map(([k, v]) => [k, v.length]));
    console.log(`[gtfs] caltrain: ${JSON.stringify(counts)}`);
    expect(feed.agency[0].agency_name).toBe('Caltrain');
    expect(feed.routes.length).toBeGreaterThan(0);
    expect(feed.stopTimes.length).toBeGreaterThan(1000);
  });

  it('validates without errors', () => {
    const problems = validateGtfs(parseGtfsZip(readFileSync(FEED)));
    for (const p of problems) console.log(`[gtfs] caltrain ${p.severity}: ${p.file}${p.row ? ` row ${p.row}` : ''} ${p.field ?? ''}: ${p.message}`);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('survives a write and read unchanged', () => {
    const feed = parseGtfsZip(readFileSync(FEED));
    expect(parseGtfsZip(writeGtfsZip(feed))).toEqual(feed);
  });
});
