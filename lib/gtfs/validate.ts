import type { GtfsFeed } from './schema';
import { formatGtfsTime } from './time';

/** One thing wrong with a feed, located by file, row (1-based, in file order) and field. */
export interface GtfsProblem {
  /** Errors make a feed unusable (a trip that cannot run); warnings are worth fixing. */
  severity: 'error' | 'warning';
  file: string;
  row: number | null;
  field: string | null;
  message: string;
}

/** Past this many problems of one kind the rest are summarised: a broken feed can have millions. */
const MAX_PER_KIND = 20;

/**
 * Check what the GTFS reference requires and Polis relies on: every trip's stop_times ordered
 * by stop_sequence with non-decreasing times (which may pass 24:00:00), every referenced stop,
 * route, shape, service and agency exists, ids are unique, every shape is used by some trip,
 * coordinates are in range. Returns the problems found, [] for a clean feed.
 */
export function validateGtfs(feed: GtfsFeed): GtfsProblem[] {
  const problems: GtfsProblem[] = [];
  const counts = new Map<string, { n: number; first: GtfsProblem }>();
  const report = (kind: string, p: GtfsProblem) => {
    const c = counts.get(kind) ?? { n: 0, first: p };
    c.n++;
    counts.set(kind, c);
    if (c.n <= MAX_PER_KIND) problems.push(p);
  };
  const error = (kind: string, file: string, row: number | null, field: string | null, message: string) =>
    report(kind, { severity: 'error', file, row, field, message });

  const uniqueIds = <T>(rows: readonly T[], key: (r: T) => string, file: string, field: string) => {
    const seen = new Set<string>();
    rows.forEach((r, i) => {
      const k = key(r);
      if (seen.has(k)) error(`dup:${file}`, file, i + 1, field, `duplicate ${field} "${k}"`);
      seen.add(k);
    });
    return seen;
  };
  const stopIds = uniqueIds(feed.stops, (s) => s.stop_id, 'stops.txt', 'stop_id');
  const routeIds = uniqueIds(feed.routes, (r) => r.route_id, 'routes.txt', 'route_id');
  const tripIds = uniqueIds(feed.trips, (t) => t.trip_id, 'trips.txt', 'trip_id');
  uniqueIds(feed.calendar, (c) => c.service_id, 'calendar.txt', 'service_id');
  const serviceIds = new Set([...feed.calendar.map((c) => c.service_id), ...feed.calendarDates.map((c) => c.service_id)]);
  const shapeIds = new Set(feed.shapes.map((p) => p.shape_id));
  const agencyIds = new Set(feed.agency.map((a) => a.agency_id).filter((a): a is string => a !== undefined));

  if (!feed.agency.length) error('agency', 'agency.txt', null, null, 'a feed needs at least one agency');
  if (feed.agency.length > 1)
    feed.routes.forEach((r, i) => {
      if (!r.agency_id) error('route-agency', 'routes.txt', i + 1, 'agency_id', 'required when the feed has several agencies');
    });
  feed.routes.forEach((r, i) => {
    if (r.agency_id && !agencyIds.has(r.agency_id)) error('ref:agency', 'routes.txt', i + 1, 'agency_id', `unknown agency_id "${r.agency_id}"`);
    if (!r.route_short_name?.trim() && !r.route_long_name?.trim())
      error('route-name', 'routes.txt', i + 1, 'route_short_name', 'a route needs a route_short_name or a route_long_name');
  });

  const inRange = (lat: number, lon: number) => lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
  feed.stops.forEach((s, i) => {
    const type = s.location_type ?? 0;
    if (type <= 2 && (s.stop_lat === undefined || s.stop_lon === undefined))
      error('stop-coords', 'stops.txt', i + 1, 'stop_lat', 'stops, stations and entrances need stop_lat and stop_lon');
    else if (s.stop_lat !== undefined && s.stop_lon !== undefined && !inRange(s.stop_lat, s.stop_lon))
      error('stop-range', 'stops.txt', i + 1, s.stop_lat < -90 || s.stop_lat > 90 ? 'stop_lat' : 'stop_lon', `coordinates out of range (${s.stop_lat}, ${s.stop_lon})`);
    if (s.parent_station && !stopIds.has(s.parent_station))
      error('ref:parent', 'stops.txt', i + 1, 'parent_station', `unknown parent_station "${s.parent_station}"`);
  });
  feed.shapes.forEach((p, i) => {
    if (!inRange(p.shape_pt_lat, p.shape_pt_lon))
      error('shape-range', 'shapes.txt', i + 1, p.shape_pt_lat < -90 || p.shape_pt_lat > 90 ? 'shape_pt_lat' : 'shape_pt_lon', `coordinates out of range (${p.shape_pt_lat}, ${p.shape_pt_lon})`);
  });

  const usedShapes = new Set<string>();
  feed.trips.forEach((t, i) => {
    if (!routeIds.has(t.route_id)) error('ref:route', 'trips.txt', i + 1, 'route_id', `unknown route_id "${t.route_id}"`);
    if (!serviceIds.has(t.service_id)) error('ref:service', 'trips.txt', i + 1, 'service_id', `unknown service_id "${t.service_id}"`);
    if (t.shape_id !== undefined) {
      usedShapes.add(t.shape_id);
      if (!shapeIds.has(t.shape_id)) error('ref:shape', 'trips.txt', i + 1, 'shape_id', `unknown shape_id "${t.shape_id}"`);
    }
  });
  for (const shape of shapeIds)
    if (!usedShapes.has(shape))
      report('unused-shape', { severity: 'warning', file: 'shapes.txt', row: null, field: 'shape_id', message: `shape "${shape}" is used by no trip` });

  // Stop times: references, then each trip's order.
  const byTrip = new Map<string, number[]>();
  feed.stopTimes.forEach((st, i) => {
    if (!tripIds.has(st.trip_id)) error('ref:trip', 'stop_times.txt', i + 1, 'trip_id', `unknown trip_id "${st.trip_id}"`);
    if (!stopIds.has(st.stop_id)) error('ref:stop', 'stop_times.txt', i + 1, 'stop_id', `unknown stop_id "${st.stop_id}"`);
    let rows = byTrip.get(st.trip_id);
    if (!rows) byTrip.set(st.trip_id, (rows = []));
    rows.push(i);
  });
  feed.trips.forEach((t, i) => {
    const rows = byTrip.get(t.trip_id);
    if (!rows || rows.length < 2) error('trip-short', 'trips.txt', i + 1, 'trip_id', `trip "${t.trip_id}" has ${rows?.length ?? 0} stop_times; it needs at least 2`);
  });
  for (const [trip, rows] of byTrip) {
    if (!tripIds.has(trip)) continue;
    const sorted = [...rows].sort((a, b) => feed.stopTimes[a].stop_sequence - feed.stopTimes[b].stop_sequence);
    let last: number | null = null;
    let lastSeq = -1;
    sorted.forEach((r, k) => {
      const st = feed.stopTimes[r];
      if (st.stop_sequence === lastSeq) error('seq-dup', 'stop_times.txt', r + 1, 'stop_sequence', `trip "${trip}" has stop_sequence ${st.stop_sequence} twice`);
      lastSeq = st.stop_sequence;
      const isEnd = k === 0 || k === sorted.length - 1;
      if (isEnd && (st.arrival_time === undefined || st.departure_time === undefined))
        error('end-times', 'stop_times.txt', r + 1, st.arrival_time === undefined ? 'arrival_time' : 'departure_time', `the first and last stop of trip "${trip}" need times`);
      for (const [field, t] of [
        ['arrival_time', st.arrival_time],
        ['departure_time', st.departure_time],
      ] as const) {
        if (t === undefined) continue;
        if (last !== null && t < last)
          error('time-order', 'stop_times.txt', r + 1, field, `trip "${trip}" goes back in time at stop_sequence ${st.stop_sequence}: ${formatGtfsTime(t)} after ${formatGtfsTime(last)}`);
        last = Math.max(last ?? t, t);
      }
    });
  }

  for (const { n, first } of counts.values())
    if (n > MAX_PER_KIND)
      problems.push({ ...first, row: null, message: `… and ${n - MAX_PER_KIND} more like: ${first.message}` });
  return problems;
}
