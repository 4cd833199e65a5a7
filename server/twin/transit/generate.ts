import type { GtfsFeed, GtfsStop, GtfsStopTime, GtfsTrip } from '@/lib/gtfs/schema';
import type { City } from '../city';
import type { XY } from '../geo';
import { Random } from '../random';
import { BUS_FACTOR, BUS_MAX_KMH } from './speeds';

/** At least this many routes; more are tried when a pair of termini has no path. */
const ROUTES = 14;
/** Routes after this many are secondary: they run less often. */
const TRUNK_ROUTES = 8;
const MIN_ROUTE_M = 2000;
/** Stops about every 350–450 m, never closer than this. */
const STOP_SPACING_M = 350;
/** Where on a segment a stop may stand (fraction of its length): clear of the junctions. */
const STOP_FRACTIONS = [0.35, 0.75];
const DWELL_S = 20;
/** Timetables assume a little less than free flow and hold early buses, so off-peak is on time. */
const SCHEDULE_SPEED_FACTOR = 0.93;
const PEAK_RUN_FACTOR = 1.1;
/** Buses stay off the ring motorway; local streets only when nothing else goes there. */
const CLASS_COST: Record<string, number> = { motorway: Infinity, primary: 1, secondary: 1.05, tertiary: 1.15, residential: 2.5 };

export const AGENCY_ID = 'POLIS';
export const AGENCY_NAME = 'Polis Transit';
const COLOURS = ['D62728', '1F77B4', '2CA02C', 'FF7F0E', '9467BD', '8C564B', 'E377C2', '17BECF', 'BCBD22', '393B79', 'AD494A', '637939', '843C39', '7B4173', '3182BD', 'E6550D', '31A354', '756BB1', '636363', 'D6616B'];

/** Headways in minutes by period: [from hour, to hour, minutes]; hours past 24 run after midnight. */
const WEEKDAY: Array<[number, number, number]> = [
  [5, 7, 15],
  [7, 9.5, 8],
  [9.5, 16, 12],
  [16, 19, 8],
  [19, 22, 15],
  [22, 24.5, 30],
];
const WEEKEND: Array<[number, number, number]> = [
  [6, 9, 30],
  [9, 20, 15],
  [20, 24.5, 30],
];
const isPeak = (hour: number) => (hour >= 7 && hour < 9.5) || (hour >= 16 && hour < 19);

export interface GeneratedTransit {
  feed: GtfsFeed;
  /** The directed segments each shape drives along, in order. */
  shapeSegments: Map<string, number[]>;
}

/** Planned bus speed on a segment, m/s: what the timetable is written for. */
function plannedSpeed(city: City, s: number): number {
  const seg = city.segments[s];
  const signalFactor = city.nodes[seg.to].signalised ? 0.85 : 1;
  return (Math.min(seg.freeFlowKmh * signalFactor, BUS_MAX_KMH) * BUS_FACTOR * SCHEDULE_SPEED_FACTOR) / 3.6;
}

/** A small binary heap of (cost, item). */
class Heap {
  private readonly items: Array<[number, number]> = [];
  get size() {
    return this.items.length;
  }
  push(cost: number, item: number) {
    const a = this.items;
    a.push([cost, item]);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p][0] <= a[i][0]) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop(): [number, number] {
    const a = this.items;
    const top = a[0];
    const last = a.pop() as [number, number];
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let m = i;
        if (l < a.length && a[l][0] < a[m][0]) m = l;
        if (r < a.length && a[r][0] < a[m][0]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/** What each segment costs a bus: planned travel time, more on minor roads, infinite on the motorway. */
export function busWeights(city: City): Float64Array {
  return Float64Array.from(city.segments, (s, i) => (s.lengthM * CLASS_COST[s.roadClass]) / plannedSpeed(city, i));
}

/** Cheapest chain of directed segments from node `from` to node `to`, obeying the turns allowed (no U-turns). */
export function busPath(city: City, from: number, to: number, weights = busWeights(city)): number[] | null {
  const n = city.segments.length;
  const cost = new Float64Array(n).fill(Infinity);
  const prev = new Int32Array(n).fill(-1);
  const heap = new Heap();
  const weight = (s: number) => weights[s];
  city.segments.forEach((s, i) => {
    if (s.from === from && Number.isFinite(weight(i))) {
      cost[i] = weight(i);
      heap.push(cost[i], i);
    }
  });
  const { downStart, down } = city.adjacency;
  while (heap.size) {
    const [c, i] = heap.pop();
    if (c > cost[i]) continue;
    if (city.segments[i].to === to) {
      const path: number[] = [];
      for (let k = i; k >= 0; k = prev[k]) path.push(k);
      return path.reverse();
    }
    for (let p = downStart[i]; p < downStart[i + 1]; p++) {
      const j = down[p];
      const nc = c + weight(j);
      if (nc < cost[j]) {
        cost[j] = nc;
        prev[j] = i;
        heap.push(nc, j);
      }
    }
  }
  return null;
}

/** The name of a street meeting a node, other than `name` (and other than ramps), from an index of names by node. */
function crossStreetIndex(city: City): (node: number, name: string) => string | null {
  const names: string[][] = Array.from({ length: city.nodes.length }, () => []);
  for (const s of city.segments)
    if (!s.name.includes('access')) {
      names[s.from].push(s.name);
      names[s.to].push(s.name);
    }
  return (node, name) => names[node].find((n) => n !== name) ?? null;
}

const shortStreet = (name: string) => name.replace(/ (Street|Road|Avenue|Boulevard|Lane|Way|Close|Grove|Terrace|Row)$/, '');

/**
 * Pick route termini: pairs of junctions on main roads (not the motorway) near opposite edges of
 * town, their angles spread over half a turn, some pairs off-centre. Works on any city, generated
 * or imported, from its segments alone.
 */
function termini(city: City, rng: Random): Array<[number, number]> {
  const main = new Set<number>();
  for (const s of city.segments) if (s.roadClass === 'primary' || s.roadClass === 'secondary' || s.roadClass === 'tertiary') main.add(s.from);
  const candidates = [...main];
  if (!candidates.length) return [];
  const [cx, cy] = candidates.reduce(([x, y], c) => [x + city.nodes[c].x / candidates.length, y + city.nodes[c].y / candidates.length], [0, 0]);
  const radii = candidates.map((c) => Math.hypot(city.nodes[c].x - cx, city.nodes[c].y - cy)).sort((a, b) => a - b);
  // The 95th percentile, so one far-flung junction does not set the size of town.
  const half = radii[Math.floor(0.95 * (radii.length - 1))];
  const nearest = (theta: number, r: number) => {
    const [tx, ty] = [cx + r * half * Math.cos(theta), cy + r * half * Math.sin(theta)];
    let best = candidates[0];
    let bestD = Infinity;
    for (const c of candidates) {
      const d = Math.hypot(city.nodes[c].x - tx, city.nodes[c].y - ty);
      if (d < bestD) [best, bestD] = [c, d];
    }
    return best;
  };
  const pairs: Array<[number, number]> = [];
  for (let k = 0; k < ROUTES * 2; k++) {
    const theta = (k * Math.PI) / ROUTES + rng.range(-0.1, 0.1);
    const skew = [0, 0.6, -0.6][k % 3];
    pairs.push([nearest(theta, rng.range(0.6, 0.85)), nearest(theta + Math.PI + skew, rng.range(0.6, 0.85))]);
  }
  return pairs;
}

interface Pattern {
  shapeId: string;
  segments: number[];
  stops: string[];
  /** Seconds from the first departure to each stop's arrival, at planned speed, before dwell. */
  runS: number[];
}

/**
 * The city's bus network as a GTFS feed: at least 12 routes along real directed segments between
 * termini (cheapest paths over arterials and collectors), both directions, stops every 350–450 m
 * named from their streets, weekday and weekend timetables with headways by time of day.
 */
export function generateTransit(city: City, seed: number): GeneratedTransit {
  const rng = new Random(seed ^ 0x7a5b1c3d);
  const stops = new Map<string, GtfsStop>();
  const stopById = new Map<string, GtfsStop>();
  const crossStreet = crossStreetIndex(city);
  const stopAt = (s: number, frac: number): string => {
    const key = `${s}@${frac}`;
    const existing = stops.get(key);
    if (existing) return existing.stop_id;
    const seg = city.segments[s];
    // Position along the segment's polyline, 6 m to the right of the centre line (the kerb).
    let left = frac * seg.lengthM;
    let p: XY = seg.xy[0];
    let dir: XY = [1, 0];
    for (let i = 1; i < seg.xy.length; i++) {
      const [a, b] = [seg.xy[i - 1], seg.xy[i]];
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
      dir = [(b[0] - a[0]) / len, (b[1] - a[1]) / len];
      if (left <= len || i === seg.xy.length - 1) {
        const t = Math.min(left, len);
        p = [a[0] + dir[0] * t, a[1] + dir[1] * t];
        break;
      }
      left -= len;
    }
    const [x, y] = [p[0] + dir[1] * 6, p[1] - dir[0] * 6];
    const [lon, lat] = city.toLonLat(x, y);
    const cross = crossStreet(frac < 0.5 ? seg.from : seg.to, seg.name);
    const id = `S${String(stops.size + 1).padStart(4, '0')}`;
    const stop: GtfsStop = { stop_id: id, stop_code: id.slice(1), stop_name: cross ? `${seg.name} / ${shortStreet(cross)}` : seg.name, stop_lat: lat, stop_lon: lon, location_type: 0, wheelchair_boarding: 1 };
    stops.set(key, stop);
    stopById.set(id, stop);
    return id;
  };

  const pattern = (shapeId: string, segments: number[]): Pattern => {
    const places: Array<{ s: number; frac: number; at: number }> = [];
    let at = 0;
    segments.forEach((s, k) => {
      const len = city.segments[s].lengthM;
      if (k === 0) places.push({ s, frac: 0.1, at: 0.1 * len });
      else
        for (const frac of STOP_FRACTIONS) {
          const pos = at + frac * len;
          if (pos - places[places.length - 1].at >= STOP_SPACING_M && k < segments.length - 1) places.push({ s, frac, at: pos });
        }
      at += len;
    });
    const lastSeg = segments[segments.length - 1];
    places.push({ s: lastSeg, frac: 0.9, at: at - 0.1 * city.segments[lastSeg].lengthM });
    // Running time to each stop at planned speeds.
    const segStart: number[] = [];
    const segTime: number[] = [];
    let d = 0;
    for (const s of segments) {
      segStart.push(d);
      segTime.push(city.segments[s].lengthM / plannedSpeed(city, s));
      d += city.segments[s].lengthM;
    }
    const timeTo = (pos: number) => {
      let t = 0;
      segments.forEach((s, k) => {
        const len = city.segments[s].lengthM;
        const part = Math.max(0, Math.min(len, pos - segStart[k]));
        t += (segTime[k] * part) / len;
      });
      return t;
    };
    const t0 = timeTo(places[0].at);
    return { shapeId, segments, stops: places.map((p) => stopAt(p.s, p.frac)), runS: places.map((p) => timeTo(p.at) - t0) };
  };

  const routes: GtfsFeed['routes'] = [];
  const trips: GtfsTrip[] = [];
  const stopTimes: GtfsStopTime[] = [];
  const shapes: GtfsFeed['shapes'] = [];
  const shapeSegments = new Map<string, number[]>();
  const usedTermini = new Set<number>();
  const weights = busWeights(city);

  for (const [a, b] of termini(city, rng)) {
    if (routes.length >= ROUTES) break;
    if (a === b || usedTermini.has(a) || usedTermini.has(b)) continue;
    const out = busPath(city, a, b, weights);
    const back = busPath(city, b, a, weights);
    if (!out || !back) continue;
    const lengthOf = (p: number[]) => p.reduce((m, s) => m + city.segments[s].lengthM, 0);
    if (lengthOf(out) < MIN_ROUTE_M || lengthOf(back) < MIN_ROUTE_M) continue;
    usedTermini.add(a).add(b);
    const k = routes.length;
    const routeId = String(k + 1);
    const colour = COLOURS[k % COLOURS.length];
    const [r, g, bl] = [0, 2, 4].map((i) => parseInt(colour.slice(i, i + 2), 16));
    const textColour = 0.299 * r + 0.587 * g + 0.114 * bl > 150 ? '000000' : 'FFFFFF';
    const patterns = [pattern(`${routeId}-0`, out), pattern(`${routeId}-1`, back)];
    const endName = (p: Pattern, i: number) => stopById.get(p.stops[i])?.stop_name ?? '';
    const [from, to] = [endName(patterns[0], 0), endName(patterns[0], patterns[0].stops.length - 1)];
    routes.push({
      route_id: routeId,
      agency_id: AGENCY_ID,
      route_short_name: routeId,
      route_long_name: `${shortStreet(from.split(' / ')[0])} – ${shortStreet(to.split(' / ')[0])}`,
      route_type: 3,
      route_color: colour,
      route_text_color: textColour,
      route_sort_order: k + 1,
    });

    patterns.forEach((p, dir) => {
      shapeSegments.set(p.shapeId, p.segments);
      const geometry = p.segments.flatMap((s, i) => (i === 0 ? city.segments[s].path : city.segments[s].path.slice(1)));
      geometry.forEach(([lon, lat], i) => shapes.push({ shape_id: p.shapeId, shape_pt_lat: lat, shape_pt_lon: lon, shape_pt_sequence: i + 1 }));
      const headsign = endName(p, p.stops.length - 1).split(' / ')[0];
      for (const [service, periods] of [
        ['WD', WEEKDAY],
        ['WE', WEEKEND],
      ] as const) {
        const factor = k < TRUNK_ROUTES ? 1 : 1.5;
        // Each route and direction starts at its own minute, so buses do not all leave at :00.
        let t = periods[0][0] * 3600 + ((k * 7 + dir * 4) % 10) * 60;
        for (const [, until, minutes] of periods) {
          const headway = Math.round(minutes * factor) * 60;
          for (; t < until * 3600; t += headway) {
            const run = isPeak(t / 3600) ? PEAK_RUN_FACTOR : 1;
            const tripId = `${routeId}-${dir}-${service}-${String(Math.floor(t / 3600)).padStart(2, '0')}${String(Math.floor(t / 60) % 60).padStart(2, '0')}`;
            trips.push({ route_id: routeId, service_id: service, trip_id: tripId, trip_headsign: headsign, direction_id: dir, shape_id: p.shapeId, wheelchair_accessible: 1 });
            p.stops.forEach((stop, i) => {
              const arrival = Math.round(t + p.runS[i] * run + DWELL_S * Math.max(0, i - 1));
              const departure = i === 0 || i === p.stops.length - 1 ? arrival : arrival + DWELL_S;
              stopTimes.push({ trip_id: tripId, arrival_time: arrival, departure_time: departure, stop_id: stop, stop_sequence: i + 1, timepoint: 1 });
            });
          }
        }
      }
    });
  }

  return {
    feed: {
      agency: [{ agency_id: AGENCY_ID, agency_name: AGENCY_NAME, agency_url: 'https://transit.polis.example', agency_timezone: 'Etc/UTC', agency_lang: 'en' }],
      stops: [...stops.values()],
      routes,
      trips,
      stopTimes,
      calendar: [
        { service_id: 'WD', monday: true, tuesday: true, wednesday: true, thursday: true, friday: true, saturday: false, sunday: false, start_date: '20200101', end_date: '20391231' },
        { service_id: 'WE', monday: false, tuesday: false, wednesday: false, thursday: false, friday: false, saturday: true, sunday: true, start_date: '20200101', end_date: '20391231' },
      ],
      calendarDates: [],
      shapes,
      feedInfo: [{ feed_publisher_name: 'Polis city twin', feed_publisher_url: 'https://transit.polis.example', feed_lang: 'en', feed_version: `twin-seed-${seed}` }],
    },
    shapeSegments,
  };
}
