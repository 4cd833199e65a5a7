import type { GtfsFeed } from '@/lib/gtfs/schema';
import type { TransitNetwork, TransitShape } from '@/lib/protocol/transit';

const MAX_PATH = 20_000;
const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const r6 = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * The network as the map draws it (GET /v1/transit/network): routes with their colours, the
 * shapes trips use (a route without shapes gets one through its longest trip's stops), and the
 * stops riders board at.
 */
export function buildNetwork(feed: GtfsFeed): TransitNetwork {
  const stopLoc = new Map<string, [number, number]>();
  for (const s of feed.stops) if (s.stop_lat !== undefined && s.stop_lon !== undefined) stopLoc.set(s.stop_id, [r6(s.stop_lon), r6(s.stop_lat)]);

  const points = new Map<string, Array<{ seq: number; p: [number, number] }>>();
  for (const pt of feed.shapes) {
    let list = points.get(pt.shape_id);
    if (!list) points.set(pt.shape_id, (list = []));
    list.push({ seq: pt.shape_pt_sequence, p: [r6(pt.shape_pt_lon), r6(pt.shape_pt_lat)] });
  }
  const shapes: TransitShape[] = [];
  const shapeRoute = new Map<string, string>();
  for (const t of feed.trips) if (t.shape_id && points.has(t.shape_id) && !shapeRoute.has(t.shape_id)) shapeRoute.set(t.shape_id, t.route_id);
  for (const [id, routeId] of shapeRoute) {
    const sorted = (points.get(id) ?? []).sort((a, b) => a.seq - b.seq).map((x) => x.p);
    const step = Math.ceil(sorted.length / MAX_PATH);
    const path = step > 1 ? sorted.filter((_, i) => i % step === 0 || i === sorted.length - 1) : sorted;
    if (path.length >= 2) shapes.push({ id, routeId, path });
  }

  // Routes (and directions) with no shape: draw them through the stops of their longest trip.
  const stopsOf = new Map<string, Array<{ seq: number; stop: string }>>();
  const shaped = new Set(shapes.map((s) => s.routeId));
  const unshaped = feed.trips.filter((t) => !shaped.has(t.route_id));
  if (unshaped.length) {
    const wanted = new Set(unshaped.map((t) => t.trip_id));
    for (const st of feed.stopTimes) {
      if (!wanted.has(st.trip_id)) continue;
      let list = stopsOf.get(st.trip_id);
      if (!list) stopsOf.set(st.trip_id, (list = []));
      list.push({ seq: st.stop_sequence, stop: st.stop_id });
    }
    const longest = new Map<string, string>();
    for (const t of unshaped) {
      const key = `${t.route_id}:${t.direction_id ?? 0}`;
      const held = longest.get(key);
      if (!held || (stopsOf.get(t.trip_id)?.length ?? 0) > (stopsOf.get(held)?.length ?? 0)) longest.set(key, t.trip_id);
    }
    for (const [key, tripId] of longest) {
      const path = (stopsOf.get(tripId) ?? [])
        .sort((a, b) => a.seq - b.seq)
        .map((x) => stopLoc.get(x.stop))
        .filter((p): p is [number, number] => p !== undefined);
      if (path.length >= 2) shapes.push({ id: `stops:${key}`, routeId: key.slice(0, key.lastIndexOf(':')), path: path.slice(0, MAX_PATH) });
    }
  }

  return {
    agency: cut(feed.agency[0]?.agency_name ?? '', 256),
    routes: feed.routes.map((r) => ({
      id: r.route_id,
      shortName: cut(r.route_short_name?.trim() ?? '', 64),
      longName: cut(r.route_long_name?.trim() ?? '', 256),
      // GTFS defaults: white routes with black text.
      color: r.route_color ?? 'FFFFFF',
      textColor: r.route_text_color ?? '000000',
    })),
    shapes,
    stops: feed.stops
      .filter((s) => (s.location_type ?? 0) === 0 && stopLoc.has(s.stop_id))
      .map((s) => ({ id: s.stop_id, name: cut(s.stop_name?.trim() || s.stop_id, 256), location: stopLoc.get(s.stop_id) as [number, number] })),
  };
}
