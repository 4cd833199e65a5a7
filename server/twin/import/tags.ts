import type { RoadClass } from '@/lib/domain/road';
import type { OsmTags } from '@/lib/protocol/city-import';

/**
 * How OpenStreetMap tags become the twin's road attributes. Only roads for general motor traffic
 * are kept: footway, cycleway, path, steps, pedestrian, track, bridleway, service (driveways,
 * car parks), bus_guideway, raceway, construction and proposed are dropped, and so are roads
 * tagged area=yes or access=no/private. trunk is driven like a motorway, links like their road.
 */
export const DRIVABLE_HIGHWAYS: Readonly<Record<string, RoadClass>> = {
  motorway: 'motorway',
  motorway_link: 'motorway',
  trunk: 'motorway',
  trunk_link: 'motorway',
  primary: 'primary',
  primary_link: 'primary',
  secondary: 'secondary',
  secondary_link: 'secondary',
  tertiary: 'tertiary',
  tertiary_link: 'tertiary',
  residential: 'residential',
  unclassified: 'residential',
  living_street: 'residential',
  // highway=road is "type not known yet": drivable, assumed minor.
  road: 'residential',
};

/** Defaults for untagged roads, by highway value: lanes per direction and speed limit (km/h, urban). */
const DEFAULTS: Readonly<Record<string, { lanes: number; kmh: number }>> = {
  motorway: { lanes: 2, kmh: 110 },
  trunk: { lanes: 2, kmh: 80 },
  motorway_link: { lanes: 1, kmh: 60 },
  trunk_link: { lanes: 1, kmh: 50 },
  primary: { lanes: 1, kmh: 50 },
  secondary: { lanes: 1, kmh: 50 },
  tertiary: { lanes: 1, kmh: 50 },
  primary_link: { lanes: 1, kmh: 40 },
  secondary_link: { lanes: 1, kmh: 40 },
  tertiary_link: { lanes: 1, kmh: 40 },
  residential: { lanes: 1, kmh: 30 },
  unclassified: { lanes: 1, kmh: 40 },
  living_street: { lanes: 1, kmh: 10 },
  road: { lanes: 1, kmh: 30 },
};
const MAX_LANES = 8;
const MPH = 1.609344;

/** The class of a way, or why it is not driven on (its highway value, or the access/area tag). */
export function classify(tags: OsmTags): { roadClass: RoadClass } | { dropped: string } {
  const highway = (tags.highway ?? '').trim();
  const roadClass = DRIVABLE_HIGHWAYS[highway];
  if (!roadClass) return { dropped: highway || '(empty)' };
  if (tags.area === 'yes') return { dropped: `${highway} (area=yes)` };
  if (tags.access === 'no' || tags.access === 'private') return { dropped: `${highway} (access=${tags.access})` };
  return { roadClass };
}

export type Direction = 'forward' | 'backward' | 'both';

/**
 * Which way traffic may go along the way's node order. oneway=yes/true/1 forward, -1/reverse
 * backward, no/false/0 both; otherwise roundabouts and motorways (and their links) are one-way
 * forward as OSM implies. reversible/alternating (one direction at a time) count as two-way.
 */
export function directionOf(tags: OsmTags): Direction {
  const v = (tags.oneway ?? '').trim().toLowerCase();
  if (v === 'yes' || v === 'true' || v === '1') return 'forward';
  if (v === '-1' || v === 'reverse') return 'backward';
  if (v === 'no' || v === 'false' || v === '0') return 'both';
  if (tags.junction === 'roundabout' || tags.junction === 'circular') return 'forward';
  if (tags.highway === 'motorway' || tags.highway === 'motorway_link') return 'forward';
  return 'both';
}

/** A positive lane count from a tag ("2", "2;3" takes the first); null when absent or unusable. */
function laneCount(value: string | undefined): number | null {
  const m = /^\s*(\d+)/.exec(value ?? '');
  const n = m ? Number(m[1]) : 0;
  return n >= 1 ? Math.min(MAX_LANES, n) : null;
}

/**
 * Lanes in each direction along the way. lanes:forward/backward win; otherwise `lanes` counts both
 * directions of a two-way road (split, the larger half forward, at least one each) or all lanes of
 * a one-way road; otherwise the class default per direction.
 */
export function lanesOf(tags: OsmTags, direction: Direction): { forward: number; backward: number; defaulted: boolean } {
  const fallback = DEFAULTS[tags.highway ?? '']?.lanes ?? 1;
  const fwd = laneCount(tags['lanes:forward']);
  const bwd = laneCount(tags['lanes:backward']);
  const total = laneCount(tags.lanes);
  if (direction !== 'both') {
    const n = (direction === 'forward' ? fwd : bwd) ?? total;
    return { forward: n ?? fallback, backward: n ?? fallback, defaulted: n === null };
  }
  if (fwd !== null || bwd !== null) {
    const rest = total !== null ? Math.max(1, total - (fwd ?? bwd ?? 0)) : fallback;
    return { forward: fwd ?? rest, backward: bwd ?? rest, defaulted: false };
  }
  if (total !== null) return { forward: Math.max(1, Math.ceil(total / 2)), backward: Math.max(1, Math.floor(total / 2)), defaulted: false };
  return { forward: fallback, backward: fallback, defaulted: true };
}

/** Implicit limits ("FR:urban"); a few countries differ from the common values. */
const ZONE_KMH: Readonly<Record<string, number>> = {
  urban: 50,
  rural: 90,
  trunk: 110,
  motorway: 130,
  living_street: 20,
  walk: 7,
  pedestrian: 7,
  bicycle_road: 30,
  'ru:urban': 60,
  'by:urban': 60,
  'ua:urban': 50,
  'de:rural': 100,
  'at:rural': 100,
  'fr:rural': 80,
  'ch:rural': 80,
  'es:rural': 90,
  'de:motorway': 130,
  'ru:motorway': 110,
  'gb:nsl_single': 60 * MPH,
  'gb:nsl_dual': 70 * MPH,
  'gb:motorway': 70 * MPH,
  'uk:nsl_single': 60 * MPH,
  'uk:nsl_dual': 70 * MPH,
  'uk:motorway': 70 * MPH,
};

/**
 * A speed limit in km/h from a maxspeed value: "50", "30 mph", "50 km/h", "RU:urban",
 * "DE:zone30", "walk", "none" (no limit: 130). null for "signals", "variable" and anything unreadable.
 */
export function parseMaxspeed(value: string | undefined): number | null {
  const v = (value ?? '').split(';')[0].trim().toLowerCase();
  if (!v) return null;
  const m = /^(\d+(?:[.,]\d+)?)\s*(mph|km\/h|kmh|kph|knots)?$/.exec(v);
  let kmh: number | null = null;
  if (m) {
    const n = Number(m[1].replace(',', '.'));
    kmh = m[2] === 'mph' ? n * MPH : m[2] === 'knots' ? n * 1.852 : n;
  } else if (v === 'none') kmh = 130;
  else {
    const zone = /^([a-z]{2}):(?:zone:?)(\d+)$/.exec(v);
    if (zone) kmh = Number(zone[2]);
    else {
      const [country, kind] = v.includes(':') ? v.split(':', 2) : ['', v];
      kmh = ZONE_KMH[`${country}:${kind}`] ?? ZONE_KMH[kind] ?? null;
    }
  }
  if (kmh === null || !(kmh > 0)) return null;
  return Math.min(200, Math.round(kmh * 10) / 10);
}

/**
 * The speed limit each way along the way (km/h): maxspeed:forward/backward, then maxspeed, then
 * maxspeed:type / source:maxspeed (e.g. "FR:urban"), then the class default.
 */
export function speedOf(tags: OsmTags): { forward: number; backward: number; defaulted: boolean } {
  const both = parseMaxspeed(tags.maxspeed) ?? parseMaxspeed(tags['maxspeed:type']) ?? parseMaxspeed(tags['source:maxspeed']);
  const fwd = parseMaxspeed(tags['maxspeed:forward']) ?? both;
  const bwd = parseMaxspeed(tags['maxspeed:backward']) ?? both;
  const fallback = DEFAULTS[tags.highway ?? '']?.kmh ?? 30;
  return { forward: fwd ?? fallback, backward: bwd ?? fallback, defaulted: fwd === null || bwd === null };
}

/** The road's name, its ref ("CG-1"), or "Unnamed residential road" and the like. */
export function nameOf(tags: OsmTags): { name: string; defaulted: boolean } {
  const name = (tags.name ?? tags['name:en'] ?? tags.ref ?? '').trim().slice(0, 200);
  if (name) return { name, defaulted: false };
  const kind = (tags.highway ?? 'road').replace(/_/g, ' ');
  return { name: /(link|street|road)$/.test(kind) ? `Unnamed ${kind}` : `Unnamed ${kind} road`, defaulted: true };
}

/** A bridge: any bridge tag but "no" (yes, viaduct, cantilever…). */
export const isBridge = (tags: OsmTags) => !!tags.bridge && tags.bridge !== 'no';

/** Areas drawn on the basemap: water (natural=water, waterway=riverbank) and parks (leisure=park). */
export function areaKindOf(tags: OsmTags): 'water' | 'park' | null {
  if (tags.natural === 'water' || tags.waterway === 'riverbank') return 'water';
  if (tags.leisure === 'park') return 'park';
  return null;
}
