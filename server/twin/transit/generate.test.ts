import { describe, expect, it } from 'vitest';
import { GtfsSchedule } from '@/lib/gtfs/schedule';
import { validateGtfs } from '@/lib/gtfs/validate';
import { parseGtfsZip, writeGtfsZip } from '@/lib/gtfs/zip';
import { generateCity } from '../city';
import { generateTransit } from './generate';

// Each test builds its own; generation is deterministic, so they agree.
const build = () => {
  const city = generateCity({ seed: 42, size: 2000 });
  return { city, ...generateTransit(city, 42) };
};

describe('the generated bus network', () => {
  it('has at least 12 routes, each run in both directions', () => {
    const { feed } = build();
    expect(feed.routes.length).toBeGreaterThanOrEqual(12);
    for (const r of feed.routes) expect(new Set(feed.trips.filter((t) => t.route_id === r.route_id).map((t) => t.direction_id))).toEqual(new Set([0, 1]));
  });

  it('is a valid GTFS feed once written and read back: stop_times in order, every shape used', () => {
    const feed = parseGtfsZip(writeGtfsZip(build().feed));
    expect(validateGtfs(feed)).toEqual([]);
  });

  it('is published by Polis Transit with a colour per route', () => {
    const { feed } = build();
    expect(feed.agency[0].agency_name).toBe('Polis Transit');
    expect(new Set(feed.routes.map((r) => r.route_color)).size).toBe(feed.routes.length);
  });

  it('drives every shape along a chain of connected directed segments, off the ring motorway', () => {
    const { city, shapeSegments } = build();
    for (const segments of shapeSegments.values()) {
      for (let i = 1; i < segments.length; i++) expect(city.segments[segments[i]].from).toBe(city.segments[segments[i - 1]].to);
      expect(segments.every((s) => city.segments[s].roadClass !== 'motorway')).toBe(true);
    }
  });

  it('spaces stops about 300–500 m apart on average', () => {
    const { city, shapeSegments, feed } = build();
    for (const [shapeId, segments] of shapeSegments) {
      const length = segments.reduce((m, s) => m + city.segments[s].lengthM, 0);
      const trip = feed.trips.find((t) => t.shape_id === shapeId);
      const stops = feed.stopTimes.filter((s) => s.trip_id === trip?.trip_id).length;
      const spacing = length / (stops - 1);
      expect(spacing).toBeGreaterThan(300);
      expect(spacing).toBeLessThan(500);
    }
  });

  it('names stops after their street and the nearest cross street', () => {
    const { feed } = build();
    expect(feed.stops.filter((s) => s.stop_name?.includes(' / ')).length / feed.stops.length).toBeGreaterThan(0.9);
  });

  it('runs more often in the weekday morning peak than on a weekday evening or a Sunday morning', () => {
    const { feed } = build();
    const schedule = new GtfsSchedule(feed);
    const starts = (from: string, to: string) => schedule.startingBetween(Date.parse(from), Date.parse(to)).filter((r) => r.trip.routeId === '1').length;
    const peak = starts('2026-01-05T07:30:00Z', '2026-01-05T08:30:00Z');
    expect(peak).toBeGreaterThan(starts('2026-01-05T22:00:00Z', '2026-01-05T23:00:00Z'));
    expect(peak).toBeGreaterThan(starts('2026-01-04T07:30:00Z', '2026-01-04T08:30:00Z'));
  });

  it('runs past midnight, with times over 24:00:00', () => {
    const { feed } = build();
    expect(feed.stopTimes.some((s) => (s.arrival_time ?? 0) > 24 * 3600)).toBe(true);
  });
});
