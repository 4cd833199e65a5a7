import type { LonLat, RoadSegment } from '@/lib/domain/road';
import type { AirReading } from '@/lib/protocol/air';
import type { GridNetwork } from '@/lib/protocol/grid';
import type { TransitNetwork, Vehicle } from '@/lib/protocol/transit';
import { boundsOfPaths, type Bbox } from '@/lib/map/bounds';
import type { FeatureRef } from '../layers/features';

/** One thing a person can find by name: what it is, what to select, where to fly. */
export interface SearchEntry {
  key: string;
  label: string;
  /** What it is (the result list names the kind in the page's language). */
  feature: FeatureRef;
  center?: LonLat;
  bounds?: Bbox;
  /** Lower-cased label, for matching. */
  text: string;
}

export interface SearchSources {
  segments?: readonly RoadSegment[];
  grid?: GridNetwork;
  transit?: TransitNetwork;
  air?: Readonly<Record<string, AirReading>>;
  buses?: Readonly<Record<string, Vehicle>>;
}

/** How the page names what has no name of its own: a bus, by its id and route. */
export interface SearchWords {
  bus: (id: string, route: string) => string;
}

const entry = (e: Omit<SearchEntry, 'text'>): SearchEntry => ({ ...e, text: e.label.toLowerCase() });

/**
 * Everything findable: streets (all segments of one name together; selecting picks its longest
 * piece), substations, feeders, air-quality stations, stops and buses.
 */
export function buildSearchIndex(src: SearchSources, words: SearchWords): SearchEntry[] {
  const out: SearchEntry[] = [];
  const streets = new Map<string, RoadSegment[]>();
  for (const s of src.segments ?? []) {
    const list = streets.get(s.name);
    if (list) list.push(s);
    else streets.set(s.name, [s]);
  }
  for (const [name, segs] of streets) {
    const longest = segs.reduce((a, b) => (b.lengthM > a.lengthM ? b : a));
    const bounds = boundsOfPaths(segs.map((s) => s.path));
    out.push(entry({ key: `street:${name}`, label: name, feature: { kind: 'segment', id: longest.id }, ...(bounds ? { bounds } : {}) }));
  }
  for (const s of src.grid?.substations ?? [])
    out.push(entry({ key: `substation:${s.id}`, label: s.name, feature: { kind: 'substation', id: s.id }, center: s.location }));
  for (const f of src.grid?.feeders ?? []) {
    const bounds = boundsOfPaths([f.path]);
    out.push(entry({ key: `feeder:${f.id}`, label: f.name, feature: { kind: 'feeder', id: f.id }, ...(bounds ? { bounds } : {}) }));
  }
  for (const [id, r] of Object.entries(src.air ?? {}))
    out.push(entry({ key: `station:${id}`, label: r.name, feature: { kind: 'station', id }, center: r.location }));
  for (const s of src.transit?.stops ?? [])
    out.push(entry({ key: `stop:${s.id}`, label: s.name, feature: { kind: 'stop', id: s.id }, center: s.location }));
  const routeName = new Map((src.transit?.routes ?? []).map((r) => [r.id, r.shortName || r.longName]));
  for (const [id, v] of Object.entries(src.buses ?? {}))
    out.push(entry({ key: `bus:${id}`, label: words.bus(id, routeName.get(v.routeId) ?? v.routeId), feature: { kind: 'bus', id }, center: v.location }));
  return out;
}

/**
 * Entries matching a query, best first: every word of the query must appear; a label starting
 * with the query beats one with a word starting with it, which beats a match inside a word.
 */
export function searchEntries(index: readonly SearchEntry[], query: string, limit = 8): SearchEntry[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const words = q.split(/\s+/);
  const scored: Array<[number, SearchEntry]> = [];
  for (const e of index) {
    if (!words.every((w) => e.text.includes(w))) continue;
    const score = e.text.startsWith(q) ? 0 : e.text.includes(` ${words[0]}`) ? 1 : 2;
    scored.push([score, e]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].label.length - b[1].label.length || a[1].label.localeCompare(b[1].label));
  return scored.slice(0, limit).map(([, e]) => e);
}
