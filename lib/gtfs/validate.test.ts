import { describe, expect, it } from 'vitest';
import type { GtfsFeed } from './schema';
import { tinyFeed } from './test-feed';
import { validateGtfs } from './validate';

const errors = (feed: GtfsFeed) => validateGtfs(feed).filter((p) => p.severity === 'error');

describe('validateGtfs', () => {
  it('finds nothing wrong with a clean feed', () => {
    expect(validateGtfs(tinyFeed())).toEqual([]);
  });

  it('accepts stop_times listed out of order in the file when their sequence is in order', () => {
    const feed = tinyFeed();
    feed.stopTimes.reverse();
    expect(errors(feed)).toEqual([]);
  });

  it('reports a trip whose times go backwards along its stop_sequence', () => {
    const feed = tinyFeed();
    feed.stopTimes[2].arrival_time = 8 * 3600 + 60;
    expect(errors(feed)).toMatchObject([{ file: 'stop_times.txt', row: 3, field: 'arrival_time', message: expect.stringContaining('back in time') }]);
  });

  it('reports a stop_sequence used twice in one trip', () => {
    const feed = tinyFeed();
    feed.stopTimes[1].stop_sequence = 1;
    expect(errors(feed).map((p) => p.field)).toContain('stop_sequence');
  });

  it('reports a trip with fewer than two stop_times', () => {
    const feed = tinyFeed();
    feed.stopTimes = feed.stopTimes.filter((s) => !(s.trip_id === 'T2' && s.stop_sequence === 2));
    expect(errors(feed)).toMatchObject([{ file: 'trips.txt', row: 2, message: expect.stringContaining('at least 2') }]);
  });

  it('reports the first or last stop of a trip without times', () => {
    const feed = tinyFeed();
    feed.stopTimes[2].departure_time = undefined;
    expect(errors(feed)).toMatchObject([{ file: 'stop_times.txt', row: 3, field: 'departure_time' }]);
  });

  it('reports a stop_time naming an unknown stop', () => {
    const feed = tinyFeed();
    feed.stopTimes[1].stop_id = 'NOPE';
    expect(errors(feed)).toMatchObject([{ file: 'stop_times.txt', row: 2, field: 'stop_id', message: 'unknown stop_id "NOPE"' }]);
  });

  it('reports a stop_time naming an unknown trip', () => {
    const feed = tinyFeed();
    feed.stopTimes.push({ trip_id: 'GHOST', stop_id: 'S1', stop_sequence: 1, arrival_time: 0, departure_time: 0 });
    expect(errors(feed)).toMatchObject([{ file: 'stop_times.txt', row: 6, field: 'trip_id' }]);
  });

  it('reports a trip naming an unknown route', () => {
    const feed = tinyFeed();
    feed.trips[0].route_id = 'R9';
    expect(errors(feed)).toMatchObject([{ file: 'trips.txt', row: 1, field: 'route_id' }]);
  });

  it('reports a trip naming an unknown service', () => {
    const feed = tinyFeed();
    feed.trips[1].service_id = 'SUNDAY';
    expect(errors(feed)).toMatchObject([{ file: 'trips.txt', row: 2, field: 'service_id' }]);
  });

  it('reports a trip naming an unknown shape', () => {
    const feed = tinyFeed();
    feed.trips[0].shape_id = 'SH9';
    expect(errors(feed)).toMatchObject([{ file: 'trips.txt', row: 1, field: 'shape_id' }]);
  });

  it('warns about a shape no trip uses', () => {
    const feed = tinyFeed();
    feed.shapes.push({ shape_id: 'LONELY', shape_pt_lat: 51, shape_pt_lon: 9, shape_pt_sequence: 1 }, { shape_id: 'LONELY', shape_pt_lat: 51.1, shape_pt_lon: 9, shape_pt_sequence: 2 });
    expect(validateGtfs(feed)).toEqual([{ severity: 'warning', file: 'shapes.txt', row: null, field: 'shape_id', message: 'shape "LONELY" is used by no trip' }]);
  });

  it('reports stop coordinates out of range', () => {
    const feed = tinyFeed();
    feed.stops[0].stop_lat = 95;
    expect(errors(feed)).toMatchObject([{ file: 'stops.txt', row: 1, field: 'stop_lat' }]);
  });

  it('reports shape coordinates out of range', () => {
    const feed = tinyFeed();
    feed.shapes[1].shape_pt_lon = 190;
    expect(errors(feed)).toMatchObject([{ file: 'shapes.txt', row: 2, field: 'shape_pt_lon' }]);
  });

  it('reports a stop without coordinates', () => {
    const feed = tinyFeed();
    feed.stops[2].stop_lon = undefined;
    expect(errors(feed)).toMatchObject([{ file: 'stops.txt', row: 3 }]);
  });

  it('reports duplicate ids', () => {
    const feed = tinyFeed();
    feed.stops.push({ ...feed.stops[0] });
    expect(errors(feed)).toMatchObject([{ file: 'stops.txt', row: 4, message: 'duplicate stop_id "S1"' }]);
  });

  it('summarises many problems of one kind instead of listing them all', () => {
    const feed = tinyFeed();
    for (let i = 0; i < 100; i++) feed.stopTimes.push({ trip_id: `X${i}`, stop_id: 'S1', stop_sequence: 1, arrival_time: 0, departure_time: 0 });
    const problems = errors(feed);
    expect(problems).toHaveLength(21);
    expect(problems[20].message).toMatch(/and 80 more/);
  });
});
