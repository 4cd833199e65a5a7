import { describe, expect, it } from 'vitest';
import { decodeGtfsRt, translated } from '@/lib/gtfs/realtime';
import { parseGtfsZip } from '@/lib/gtfs/zip';
import { generateCity } from '../city';
import type { TwinContext } from '../domain';
import { TrafficSim } from '../sim';
import { MILD_WEATHER } from '../twin-domains';
import { createTransitDomain } from './domain';

const MONDAY_0800 = Date.parse('2026-01-05T08:00:00Z');

function twin(start = MONDAY_0800) {
  const city = generateCity({ seed: 42, size: 2000 });
  const traffic = new TrafficSim(city, { seed: 42, start });
  const ctx: TwinContext = { city, traffic, seed: 42, weather: () => MILD_WEATHER };
  return { ctx, traffic, transit: createTransitDomain(ctx) };
}

describe('the twin transit domain', () => {
  it('publishes one VehiclePosition per bus in service, with its trip, place and heading', () => {
    const { transit } = twin();
    transit.step(MONDAY_0800);
    transit.step(MONDAY_0800 + 10_000);
    const feed = decodeGtfsRt(transit.vehiclePositions());
    expect(feed.entity.length).toBe(transit.buses().length);
    expect(feed.entity.length).toBeGreaterThan(20);
    const v = feed.entity[0].vehicle;
    expect(v?.trip?.tripId).toBeTruthy();
    expect(v?.position?.bearing).toBeGreaterThanOrEqual(0);
    expect(feed.header.timestamp).toBe((MONDAY_0800 + 10_000) / 1000);
  });

  it('propagates each trip’s delay to every stop still ahead in its TripUpdate', () => {
    const { transit } = twin();
    transit.step(MONDAY_0800);
    for (let t = 1; t <= 30; t++) transit.step(MONDAY_0800 + t * 10_000);
    const feed = decodeGtfsRt(transit.tripUpdates());
    for (const e of feed.entity) {
      const tu = e.tripUpdate;
      const delays = (tu?.stopTimeUpdate ?? []).map((u) => u.arrival?.delay ?? u.departure?.delay);
      expect(delays.length).toBeGreaterThan(0);
      expect(new Set(delays)).toEqual(new Set([tu?.delay]));
    }
  });

  it('alerts the routes that cross a segment with an incident', () => {
    const { transit, traffic, ctx } = twin();
    const shapeId = transit.feed.trips[0].shape_id;
    const points = transit.feed.shapes.filter((p) => p.shape_id === shapeId);
    // A segment in the middle of route 1's path: find it by its start point.
    const mid = points[Math.floor(points.length / 2)];
    const segment = ctx.city.segments.findIndex((s) => s.path[0][0] === mid.shape_pt_lon && s.path[0][1] === mid.shape_pt_lat && s.roadClass !== 'motorway');
    traffic.addIncident(segment, 0.2, 30 * 60_000, { kind: 'crash' });
    transit.step(MONDAY_0800);
    const feed = decodeGtfsRt(transit.alerts());
    const alert = feed.entity.find((e) => e.alert?.informedEntity.some((i) => i.routeId === transit.feed.trips[0].route_id))?.alert;
    expect(alert?.cause).toBe('ACCIDENT');
    expect(translated(alert?.headerText)).toMatch(/^Delays on route/);
    expect(alert?.activePeriod?.[0].end).toBe(Math.ceil((MONDAY_0800 + 30 * 60_000) / 1000));
  });

  it('publishes each alert in Chinese too, naming the street as it is in the data', () => {
    const { transit, traffic, ctx } = twin();
    const shapeId = transit.feed.trips[0].shape_id;
    const points = transit.feed.shapes.filter((p) => p.shape_id === shapeId);
    const mid = points[Math.floor(points.length / 2)];
    const segment = ctx.city.segments.findIndex((s) => s.path[0][0] === mid.shape_pt_lon && s.path[0][1] === mid.shape_pt_lat && s.roadClass !== 'motorway');
    traffic.addIncident(segment, 0, 30 * 60_000, { kind: 'crash' });
    transit.step(MONDAY_0800);
    const alert = decodeGtfsRt(transit.alerts()).entity.find((e) => e.alert?.informedEntity.some((i) => i.routeId === transit.feed.trips[0].route_id))?.alert;
    const street = ctx.city.segments[segment].name;
    expect(translated(alert?.headerText, 'zh-CN')).toMatch(new RegExp(`路公交(（\\d+ 条线路）)?延误：${street}发生交通事故$`));
    expect(translated(alert?.descriptionText, 'zh-CN')).toBe(`${street}发生交通事故：道路封闭。公交车可能晚点，预计持续到 UTC 08:30 左右。`);
    expect(translated(alert?.headerText, 'en')).toMatch(/^Delays on route/);
  });

  it('publishes no alerts when nothing is in the way', () => {
    const { transit, traffic } = twin();
    traffic.incidents = [];
    transit.step(MONDAY_0800);
    expect(decodeGtfsRt(transit.alerts()).entity).toEqual([]);
  });

  it('serves its static feed as a GTFS zip that reads back to the same feed', () => {
    const { transit } = twin();
    expect(parseGtfsZip(transit.staticZip())).toEqual(transit.feed);
  });

  it('runs an imported feed, mapping its shapes to the roads by nearest segment', () => {
    const { ctx, transit } = twin();
    const imported = createTransitDomain(ctx, parseGtfsZip(transit.staticZip()));
    imported.step(MONDAY_0800);
    for (let t = 1; t <= 30; t++) imported.step(MONDAY_0800 + t * 10_000);
    const buses = imported.buses();
    expect(buses.length).toBeGreaterThan(20);
    expect(buses.filter((b) => b.speedKmh > 0).length).toBeGreaterThan(5);
  });
});
