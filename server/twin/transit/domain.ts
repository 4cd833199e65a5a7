import type { LonLat } from '@/lib/domain/road';
import { createTranslator } from 'use-intl/core';
import { LOCALES } from '@/lib/i18n/locale-constants';
import { MESSAGES } from '@/lib/i18n/messages';
import { renderText } from '@/lib/i18n/render-text';
import type { IncidentKind } from '@/lib/protocol/incidents';
import { encodeGtfsRt } from '@/lib/gtfs/realtime';
import { GtfsSchedule, type ScheduledTrip } from '@/lib/gtfs/schedule';
import type { GtfsFeed } from '@/lib/gtfs/schema';
import { writeGtfsZip } from '@/lib/gtfs/zip';
import type { TwinContext, TwinDomain } from '../domain';
import { BusFleet, type BusView, type TripPath } from './buses';
import { generateTransit } from './generate';
import { distanceAlong, geometryFromSegments, geometryFromShape, SegmentMatcher, toLocal, type PathGeometry } from './geometry';
import { alertsFeed, tripUpdatesFeed, vehiclePositionsFeed, type ServiceAlert } from './rt-feeds';

/** The twin's transit: a GTFS feed, its buses in the traffic, and the feeds an agency publishes. */
export interface TransitTwin extends TwinDomain {
  name: 'transit';
  feed: GtfsFeed;
  fleet: BusFleet;
  /** The static feed as a GTFS zip (built once). */
  staticZip: () => Uint8Array;
  /** GTFS-Realtime protobufs of the current twin time. */
  vehiclePositions: () => Uint8Array;
  tripUpdates: () => Uint8Array;
  alerts: () => Uint8Array;
  buses: () => BusView[];
}

export function isTransitTwin(d: TwinDomain): d is TransitTwin {
  return d.name === 'transit' && 'staticZip' in d;
}

const streetOf = (ctx: TwinContext, segment: number) => ctx.city.segments[segment]?.name ?? 'a road';
/** GTFS-Realtime's cause for each kind of road incident. */
const CAUSE: Record<IncidentKind, 'ACCIDENT' | 'TECHNICAL_PROBLEM' | 'CONSTRUCTION' | 'OTHER_CAUSE'> = {
  crash: 'ACCIDENT',
  breakdown: 'TECHNICAL_PROBLEM',
  roadworks: 'CONSTRUCTION',
  event: 'OTHER_CAUSE',
};
const clock = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/**
 * The languages besides English the alerts are published in (GTFS-Realtime TranslatedString),
 * written from the same messages the web app uses, at city time (UTC).
 */
const translators = LOCALES.filter((l) => l !== 'en').map((locale) => ({
  locale,
  t: createTranslator({ locale, messages: MESSAGES[locale], namespace: 'texts', timeZone: 'UTC' }),
}));

/**
 * Transit in the twin. Without a feed, the city's own network is generated (generate.ts) and each
 * shape drives exactly the segments it was built from; with an imported feed (a real city), each
 * shape is mapped to the nearest road segments heading its way, and pieces off the network run
 * at a typical urban speed.
 */
export function createTransitDomain(ctx: TwinContext, imported?: GtfsFeed): TransitTwin {
  const generated = imported ? null : generateTransit(ctx.city, ctx.seed);
  const feed = imported ?? (generated as NonNullable<typeof generated>).feed;
  const schedule = new GtfsSchedule(feed);
  const local = toLocal(ctx.city);
  let matcher: SegmentMatcher | null = null;
  const matcherOf = () => (matcher ??= new SegmentMatcher(ctx.city));

  const shapePoints = new Map<string, Array<{ seq: number; p: LonLat }>>();
  for (const pt of feed.shapes) {
    let list = shapePoints.get(pt.shape_id);
    if (!list) shapePoints.set(pt.shape_id, (list = []));
    list.push({ seq: pt.shape_pt_sequence, p: [pt.shape_pt_lon, pt.shape_pt_lat] });
  }
  const stopXY = new Map(feed.stops.filter((s) => s.stop_lat !== undefined && s.stop_lon !== undefined).map((s) => [s.stop_id, [s.stop_lon, s.stop_lat] as LonLat]));

  const geometries = new Map<string, PathGeometry>();
  const geometryOf = (trip: ScheduledTrip): PathGeometry => {
    const key = trip.shapeId ?? `stops:${trip.stopIds.join(',')}`;
    let g = geometries.get(key);
    if (g) return g;
    const segments = trip.shapeId ? generated?.shapeSegments.get(trip.shapeId) : undefined;
    const points = trip.shapeId ? shapePoints.get(trip.shapeId)?.sort((a, b) => a.seq - b.seq).map((x) => x.p) : undefined;
    if (segments) g = geometryFromSegments(ctx.city, segments);
    else if (points && points.length >= 2) g = geometryFromShape(ctx.city, matcherOf(), points);
    else g = geometryFromShape(ctx.city, matcherOf(), trip.stopIds.map((s) => stopXY.get(s) ?? ctx.city.center));
    geometries.set(key, g);
    return g;
  };
  const paths = new Map<string, TripPath>();
  const pathOf = (trip: ScheduledTrip): TripPath => {
    const key = `${trip.shapeId ?? ''}|${trip.stopIds.join(',')}`;
    let p = paths.get(key);
    if (p) return p;
    const geometry = geometryOf(trip);
    const stopDist: number[] = [];
    let from = 0;
    for (const s of trip.stopIds) {
      from = Math.min(geometry.length, distanceAlong(geometry, local(stopXY.get(s) ?? ctx.city.center), from));
      stopDist.push(from);
    }
    paths.set(key, (p = { geometry, stopDist }));
    return p;
  };
  const fleet = new BusFleet(schedule, pathOf, ctx.seed);

  // Which routes drive over each segment, for alerts about incidents on them.
  let routesBySegment: Map<number, Set<string>> | null = null;
  const routesOn = (segment: number): string[] => {
    if (!routesBySegment) {
      routesBySegment = new Map();
      const seen = new Set<string>();
      for (const trip of schedule.trips) {
        const key = `${trip.routeId}|${trip.shapeId ?? trip.stopIds.join(',')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        for (const s of geometryOf(trip).seg) {
          if (s < 0) continue;
          let set = routesBySegment.get(s);
          if (!set) routesBySegment.set(s, (set = new Set()));
          set.add(trip.routeId);
        }
      }
    }
    return [...(routesBySegment.get(segment) ?? [])].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  };
  const routeName = new Map(feed.routes.map((r) => [r.route_id, r.route_short_name?.trim() || r.route_long_name || r.route_id]));

  const currentAlerts = (): ServiceAlert[] => {
    const alerts: ServiceAlert[] = [];
    for (const inc of ctx.traffic.incidents) {
      const routes = [...new Set(inc.segments.flatMap(routesOn))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
      if (!routes.length) continue;
      const street = streetOf(ctx, inc.segment);
      const names = routes.map((r) => routeName.get(r) ?? r);
      alerts.push({
        id: `incident-${inc.id}`,
        alert: {
          activePeriod: [{ start: Math.floor(inc.start / 1000), end: Math.ceil(inc.until / 1000) }],
          informedEntity: routes.map((routeId) => ({ routeId })),
          cause: CAUSE[inc.kind],
          effect: 'SIGNIFICANT_DELAYS',
          severityLevel: inc.severity === 'high' ? 'SEVERE' : inc.severity === 'medium' ? 'WARNING' : 'INFO',
          headerText: {
            translation: [
              { text: `Delays on route${names.length > 1 ? 's' : ''} ${names.join(', ')}: ${inc.kind} on ${street}`, language: 'en' },
              ...translators.map(({ locale, t }) => ({
                text: renderText(t, locale, { code: 'transitAlert.header', params: { routes: names, count: names.length, kind: inc.kind, street } }, ''),
                language: locale,
              })),
            ],
          },
          descriptionText: {
            translation: [
              { text: `${inc.description.replace(/[.!]?\s*$/, '.')} Buses may run late until about ${clock(inc.until)} UTC.`, language: 'en' },
              ...translators.map(({ locale, t }) => ({
                text: renderText(
                  t,
                  locale,
                  { code: 'transitAlert.description', params: { incident: renderText(t, locale, inc.descriptionText, inc.description).slice(0, 500), until: new Date(inc.until).toISOString() } },
                  '',
                ),
                language: locale,
              })),
            ],
          },
        },
      });
    }
    return alerts;
  };

  let zip: Uint8Array | null = null;
  const cache = new Map<string, { at: number; bytes: Uint8Array }>();
  const cached = (name: string, build: () => Uint8Array) => () => {
    const at = fleet.now ?? 0;
    const hit = cache.get(name);
    if (hit && hit.at === at) return hit.bytes;
    const bytes = build();
    cache.set(name, { at, bytes });
    return bytes;
  };
  const trafficKmh = (s: number) => ctx.traffic.speedKmh[s];

  return {
    name: 'transit',
    feed,
    fleet,
    // Transit reaches the model services as GTFS and GTFS-Realtime over HTTP, not NGSI-LD.
    registration: () => [],
    observations: () => [],
    step: (time) => fleet.step(time, trafficKmh),
    staticZip: () => (zip ??= writeGtfsZip(feed)),
    vehiclePositions: cached('vp', () => encodeGtfsRt(vehiclePositionsFeed(fleet.view(), fleet.now ?? 0))),
    tripUpdates: cached('tu', () => encodeGtfsRt(tripUpdatesFeed(fleet.view(), fleet.now ?? 0))),
    alerts: cached('al', () => encodeGtfsRt(alertsFeed(currentAlerts(), fleet.now ?? 0))),
    buses: () => fleet.view(),
  };
}
