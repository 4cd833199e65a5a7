import type { LonLat } from '@/lib/domain/road';
import { osmBoundsSchema, osmNodeSchema, osmWaySchema, type OsmTags } from '@/lib/protocol/city-import';
import { formatPath } from '@/lib/validation';
import { areaKindOf } from './tags';
import { ProblemLog } from './problems';

/** A way (or a GeoJSON line) as the network builder reads it, whatever file it came from. */
export interface RawWay {
  /** Stable and safe for segment ids: "w123" for OSM way 123, the feature id for GeoJSON. */
  key: string;
  /** How the report names it: "way 123", "feature 4". */
  label: string;
  refs: number[];
  tags: OsmTags;
}

/** What the readers (PBF, XML, GeoJSON) hand to the network builder. */
export interface OsmData {
  /** Positions of the nodes with usable coordinates, by id. */
  nodes: Map<number, LonLat>;
  /** Nodes whose coordinates were out of range or not numbers. */
  badNodes: Set<number>;
  /** Nodes tagged highway=traffic_signals. */
  signals: Set<number>;
  /** Ways with a highway tag, and closed ways of water or parks; nothing else is kept. */
  ways: RawWay[];
  waysRead: number;
  /** The extent the file declares ([west, south, east, north]), if it does. */
  bounds: [number, number, number, number] | null;
  invalidElements: ProblemLog;
  badCoordinates: ProblemLog;
}

export function emptyOsmData(): OsmData {
  return {
    nodes: new Map(),
    badNodes: new Set(),
    signals: new Set(),
    ways: [],
    waysRead: 0,
    bounds: null,
    invalidElements: new ProblemLog(),
    badCoordinates: new ProblemLog(),
  };
}

const firstIssue = (error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }) => {
  const i = error.issues[0];
  return `${formatPath(i.path) || '(root)'}: ${i.message}`;
};

/**
 * Collects OSM elements as a reader meets them, validating each with the schemas of
 * lib/protocol/city-import.ts: a bad element is counted with an example and skipped.
 */
export class OsmCollector {
  readonly data = emptyOsmData();

  node(raw: { id: unknown; lat: unknown; lon: unknown }, tags?: OsmTags): void {
    const r = osmNodeSchema.safeParse(raw);
    if (r.success) {
      this.data.nodes.set(r.data.id, [r.data.lon, r.data.lat]);
      if (tags?.highway === 'traffic_signals') this.data.signals.add(r.data.id);
      return;
    }
    const id = Number(raw.id);
    if (Number.isInteger(id)) {
      this.data.badNodes.add(id);
      this.data.badCoordinates.add(`node ${id}: ${firstIssue(r.error)} (lat ${String(raw.lat)}, lon ${String(raw.lon)})`);
    } else this.data.invalidElements.add(`node ${String(raw.id)}: ${firstIssue(r.error)}`);
  }

  way(raw: { id: unknown; refs: unknown; tags: unknown }): void {
    this.data.waysRead++;
    const r = osmWaySchema.safeParse(raw);
    if (!r.success) return this.data.invalidElements.add(`way ${String(raw.id)}: ${firstIssue(r.error)}`);
    const { id, refs, tags } = r.data;
    if (tags.highway || areaKindOf(tags)) this.data.ways.push({ key: `w${id}`, label: `way ${id}`, refs, tags });
  }

  bounds(raw: unknown): void {
    const r = osmBoundsSchema.safeParse(raw);
    if (r.success) this.data.bounds = [r.data.minlon, r.data.minlat, r.data.maxlon, r.data.maxlat];
    else this.data.invalidElements.add(`bounds: ${firstIssue(r.error)}`);
  }
}
