import type { IncidentKind } from '@/lib/protocol/incidents';
import type { Text } from '@/lib/protocol/texts';
import type { City } from './city';
import { Random } from './random';

const DAY_MS = 24 * 3600_000;
const MINUTE = 60_000;
/** Streets within this distance of a venue feel its crowds (parking, drop-offs, closures). */
const VENUE_RADIUS_M = 350;
const VENUE_NAMES = ['Arena', 'Stadium', 'Concert Hall', 'Exhibition Centre', 'Theatre', 'Fairground'];
/** The same venues as message ids (lib/protocol/texts.ts), in the same order. */
const VENUE_IDS = ['arena', 'stadium', 'concertHall', 'exhibitionCentre', 'theatre', 'fairground'] as const;
/** Roadworks planned per 1,000 segments on a weekday (weekends have a third of these). */
const ROADWORKS_PER_1000 = 2;
/** Chance that a venue holds an event, by day of week (Sunday first). */
const EVENT_CHANCE = [0.35, 0.2, 0.2, 0.25, 0.3, 0.5, 0.55];

export type Severity = 'low' | 'medium' | 'high';

/** An incident decided ahead of its start: roadworks (planned by the city) and events. */
export interface PlannedIncident {
  kind: Extract<IncidentKind, 'roadworks' | 'event'>;
  /** Where it is shown: the closed segment, or the street at the venue. */
  segment: number;
  /** Every segment whose capacity it cuts, `segment` first. */
  segments: number[];
  capacityFactor: number;
  start: number;
  until: number;
  severity: Severity;
  description: string;
  descriptionText: Text;
  /** Trip starts on `segments` are multiplied by up to this while crowds come and go; 1 for roadworks. */
  demandFactor: number;
}

export interface Venue {
  name: string;
  id: (typeof VENUE_IDS)[number];
  node: number;
  /** Segments with an end within VENUE_RADIUS_M, the busiest road at the venue first. */
  segments: number[];
}

const ROAD_RANK: Record<string, number> = { motorway: 0, primary: 4, secondary: 3, tertiary: 2, residential: 1 };

/**
 * The city's venues: well-connected junctions between the centre and the edge, spread apart,
 * one per 1,000 segments (at least two). The same city always has the same venues.
 */
export function venuesOf(city: City, seed: number): Venue[] {
  const rng = new Random(seed ^ 0x7e5a1c3);
  const degree = new Int32Array(city.nodes.length);
  for (const s of city.segments) if (s.roadClass !== 'motorway') degree[s.to]++;
  const radius = city.nodes.reduce((max, n) => Math.max(max, Math.hypot(n.x, n.y)), 1);
  const candidates = rng.shuffle(
    city.nodes.map((_, i) => i).filter((i) => degree[i] >= 3 && Math.hypot(city.nodes[i].x, city.nodes[i].y) < 0.7 * radius),
  );
  const count = Math.min(VENUE_NAMES.length, Math.max(2, Math.round(city.segments.length / 1000)));
  const chosen: number[] = [];
  for (const node of candidates) {
    if (chosen.length >= count) break;
    const n = city.nodes[node];
    if (chosen.every((c) => Math.hypot(city.nodes[c].x - n.x, city.nodes[c].y - n.y) > 3 * VENUE_RADIUS_M)) chosen.push(node);
  }
  return chosen.map((node, k) => {
    const at = city.nodes[node];
    const near = (v: number) => Math.hypot(city.nodes[v].x - at.x, city.nodes[v].y - at.y) <= VENUE_RADIUS_M;
    const segments = city.segments
      .map((s, i) => ({ s, i }))
      .filter(({ s }) => s.roadClass !== 'motorway' && (near(s.from) || near(s.to)))
      .sort((a, b) => Number(b.s.to === node) - Number(a.s.to === node) || ROAD_RANK[b.s.roadClass] - ROAD_RANK[a.s.roadClass] || a.i - b.i)
      .map(({ i }) => i);
    return { name: VENUE_NAMES[k], id: VENUE_IDS[k], node, segments };
  });
}

const roundTo = (ms: number, step: number) => Math.round(ms / step) * step;

/** Roadworks of one day: daytime, hours long, one lane closed (or one-way working where there is only one). */
function roadworksOf(city: City, rng: Random, day: number): PlannedIncident[] {
  const weekday = new Date(day).getUTCDay();
  const weekend = weekday === 0 || weekday === 6;
  const expected = ((ROADWORKS_PER_1000 * city.segments.length) / 1000) * (weekend ? 1 / 3 : 1);
  const count = Math.floor(expected) + (rng.next() < expected % 1 ? 1 : 0);
  // Half on the busier multi-lane roads, where a closed lane matters most; the rest anywhere in town.
  const multiLane = city.segments.flatMap((s, i) => (s.lanes > 1 && s.roadClass !== 'motorway' ? [i] : []));
  const out: PlannedIncident[] = [];
  for (let k = 0; k < count; k++) {
    const segment = multiLane.length && rng.next() < 0.5 ? rng.pick(multiLane) : rng.int(0, city.segments.length);
    const s = city.segments[segment];
    if (s.roadClass === 'motorway') continue;
    const start = day + roundTo(rng.range(8.5, 13) * 3600_000, 15 * MINUTE);
    const until = Math.min(day + 19 * 3600_000, start + roundTo(rng.range(2, 6) * 3600_000, 15 * MINUTE));
    // A closed lane removes its share of capacity, and the work zone slows the rest.
    const capacityFactor = s.lanes > 1 ? ((s.lanes - 1) / s.lanes) * 0.9 : 0.45;
    out.push({
      kind: 'roadworks',
      segment,
      segments: [segment],
      capacityFactor: Math.round(capacityFactor * 100) / 100,
      start,
      until,
      severity: capacityFactor < 0.5 ? 'medium' : 'low',
      description: s.lanes > 1 ? `Roadworks on ${s.name}: 1 of ${s.lanes} lanes closed` : `Roadworks on ${s.name}: one-way working under temporary lights`,
      descriptionText: s.lanes > 1 ? { code: 'incident.roadworksLane', params: { street: s.name, lanes: s.lanes } } : { code: 'incident.roadworksOneWay', params: { street: s.name } },
      demandFactor: 1,
    });
  }
  return out;
}

/** Evening events at the venues: crowds arrive before, leave after, streets around are busy and partly closed. */
function eventsOf(city: City, venues: readonly Venue[], rng: Random, day: number): PlannedIncident[] {
  const chance = EVENT_CHANCE[new Date(day).getUTCDay()];
  const out: PlannedIncident[] = [];
  for (const venue of venues) {
    const held = rng.next() < chance;
    const doors = day + roundTo(rng.range(18, 19.5) * 3600_000, 15 * MINUTE);
    const lasts = roundTo(rng.range(2.5, 4) * 3600_000, 15 * MINUTE);
    const crowd = rng.range(2, 4);
    if (!held || !venue.segments.length) continue;
    const main = city.segments[venue.segments[0]];
    out.push({
      kind: 'event',
      segment: venue.segments[0],
      segments: venue.segments,
      capacityFactor: Math.round(rng.range(0.6, 0.8) * 100) / 100,
      start: doors,
      until: doors + lasts,
      severity: crowd > 3.3 ? 'high' : 'medium',
      description: `Event at the ${venue.name} on ${main.name}: heavy traffic and closures nearby`,
      descriptionText: { code: 'incident.eventAtVenue', params: { venue: venue.id, street: main.name } },
      demandFactor: Math.round(crowd * 10) / 10,
    });
  }
  return out;
}

/**
 * Roadworks and events of the UTC day starting at `day`: a pure function of the city, seed and
 * day, so a twin restarted mid-day, or history simulated later, plans the same ones.
 */
export function plannedIncidents(city: City, seed: number, day: number, venues: readonly Venue[] = venuesOf(city, seed)): PlannedIncident[] {
  const rng = new Random((seed ^ Math.floor(day / DAY_MS) * 0x9e3779b1) >>> 0);
  return [...roadworksOf(city, rng, day), ...eventsOf(city, venues, rng, day)];
}

/**
 * How strongly an event draws traffic at time t, as a multiple of normal trip starts: the
 * crowd arriving in its first hour, a trickle during, and everyone leaving in its last 45 minutes.
 */
export function crowdAt(inc: Pick<PlannedIncident, 'start' | 'until' | 'demandFactor'>, t: number): number {
  if (t < inc.start || t >= inc.until || inc.demandFactor <= 1) return 1;
  const extra = inc.demandFactor - 1;
  if (t < inc.start + 60 * MINUTE) return 1 + extra;
  if (t >= inc.until - 45 * MINUTE) return 1 + extra;
  return 1 + 0.2 * extra;
}
