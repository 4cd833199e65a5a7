/** Types for tiny-osmpbf 0.1 (it ships none): it parses a whole .osm.pbf into OSM-JSON elements. */
declare module 'tiny-osmpbf' {
  type Tags = Record<string, string>;
  export type OsmPbfElement =
    | { type: 'node'; id: number; lat: number; lon: number; tags?: Tags }
    | { type: 'way'; id: number; nodes: number[]; tags?: Tags }
    | { type: 'relation'; id: number; members: unknown[]; tags?: Tags };
  export interface OsmPbfResult {
    bounds?: { minlat: number; minlon: number; maxlat: number; maxlon: number };
    elements?: OsmPbfElement[];
  }
  /** With a handler, each element goes to it and `elements` is left out. */
  export default function tinyOsmPbf(data: Uint8Array, handler?: (element: OsmPbfElement) => void): OsmPbfResult;
}
