import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { GtfsParseError, parseGtfsZip, writeGtfsZip } from './zip';
import { tinyFeed } from './test-feed';

const csvZip = (files: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));

const minimal = {
  'agency.txt': 'agency_name,agency_url,agency_timezone\nT,https://t.example,Etc/UTC\n',
  'stops.txt': 'stop_id,stop_name,stop_lat,stop_lon\nS1,One,51.5,9.9\nS2,Two,51.6,9.8\n',
  'routes.txt': 'route_id,route_short_name,route_type\nR,1,3\n',
  'trips.txt': 'route_id,service_id,trip_id\nR,WK,T\n',
  'stop_times.txt': 'trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT,7:00:00,7:00:00,S1,1\nT,25:01:30,25:01:30,S2,2\n',
  'calendar_dates.txt': 'service_id,date,exception_type\nWK,20260105,1\n',
};

function parseError(bytes: Uint8Array): GtfsParseError {
  try {
    parseGtfsZip(bytes);
  } catch (err) {
    if (err instanceof GtfsParseError) return err;
    throw err;
  }
  throw new Error('parsed without error');
}

describe('GTFS zip', () => {
  it('reads back exactly the feed it wrote', () => {
    const feed = tinyFeed();
    expect(parseGtfsZip(writeGtfsZip(feed))).toEqual(feed);
  });

  it('writes times past midnight as GTFS does (24:10:00, not 00:10:00)', () => {
    const files = unzipSync(writeGtfsZip(tinyFeed()));
    expect(new TextDecoder().decode(files['stop_times.txt'])).toContain('T2,24:10:00,24:10:00,S1,1');
  });

  it('reads one-digit hours and times past 24:00 as seconds of the service day', () => {
    const feed = parseGtfsZip(csvZip(minimal));
    expect(feed.stopTimes.map((s) => s.arrival_time)).toEqual([7 * 3600, 25 * 3600 + 90]);
  });

  it('finds the tables inside a folder of the zip', () => {
    const nested = csvZip(Object.fromEntries(Object.entries(minimal).map(([k, v]) => [`feed/${k}`, v])));
    expect(parseGtfsZip(nested).stops).toHaveLength(2);
  });

  it('names the file, row and column of a bad value', () => {
    const bad = { ...minimal, 'stop_times.txt': 'trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT,7:00:00,7:00:00,S1,1\nT,7:0x:00,7:05:00,S2,2\n' };
    const err = parseError(csvZip(bad));
    expect(err.issues[0].path).toBe('stop_times.txt row 2 (line 3), column arrival_time');
    expect(err.message).toContain('not a GTFS time');
  });

  it('names a required column that is missing', () => {
    const bad = { ...minimal, 'routes.txt': 'route_id,route_short_name\nR,1\n' };
    expect(parseError(csvZip(bad)).issues[0]).toEqual({ path: 'routes.txt row 1 (line 2), column route_type', message: 'required column is missing or empty' });
  });

  it('refuses a feed without a required file', () => {
    const { ['trips.txt']: _trips, ...rest } = minimal;
    void _trips;
    expect(parseError(csvZip(rest)).issues).toContainEqual({ path: 'trips.txt', message: 'required file is missing' });
  });

  it('refuses a feed with neither calendar.txt nor calendar_dates.txt', () => {
    const { ['calendar_dates.txt']: _dates, ...rest } = minimal;
    void _dates;
    expect(parseError(csvZip(rest)).issues[0].message).toMatch(/calendar/);
  });

  it('refuses bytes that are not a zip', () => {
    expect(parseError(strToU8('<html>not found</html>')).issues[0].path).toBe('(zip)');
  });
});
