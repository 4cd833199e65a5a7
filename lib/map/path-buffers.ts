import type { RoadSegment } from '../domain/road';
import type { TrafficReading } from '../protocol/traffic';
import { COLOUR_SIZE, segmentRgb } from './traffic-colours';

/**
 * The road network as flat typed arrays for deck.gl's binary PathLayer input: built once per
 * network, so a live update touches colours only, never geometry (no per-object accessors, no
 * re-tessellation of 50,000 paths).
 */
export interface PathGeometry {
  /** Paths. */
  length: number;
  /** First vertex of each path. */
  startIndices: Uint32Array;
  /** lon, lat per vertex; 64-bit so deck.gl keeps its fp64 precision at street zoom. */
  positions: Float64Array;
  vertexCount: number;
  /** Path index of every vertex, to spread per-path values over their vertices. */
  pathOfVertex: Uint32Array;
  /** Segment ids in path order (picking turns an index back into a segment). */
  ids: string[];
  /** Path index by segment id. */
  indexOf: Map<string, number>;
}

export function buildPathGeometry(segments: ReadonlyArray<Pick<RoadSegment, 'id' | 'path'>>): PathGeometry {
  let vertexCount = 0;
  for (const s of segments) vertexCount += s.path.length;
  const startIndices = new Uint32Array(segments.length);
  const positions = new Float64Array(vertexCount * 2);
  const pathOfVertex = new Uint32Array(vertexCount);
  const ids = new Array<string>(segments.length);
  const indexOf = new Map<string, number>();
  let v = 0;
  segments.forEach((s, i) => {
    startIndices[i] = v;
    ids[i] = s.id;
    indexOf.set(s.id, i);
    for (const [lon, lat] of s.path) {
      positions[v * 2] = lon;
      positions[v * 2 + 1] = lat;
      pathOfVertex[v] = i;
      v++;
    }
  });
  return { length: segments.length, startIndices, positions, vertexCount, pathOfVertex, ids, indexOf };
}

/** One number per path (e.g. a width), spread over its vertices. */
export function perVertex(geometry: PathGeometry, perPath: (index: number) => number): Float32Array {
  const byPath = new Float32Array(geometry.length);
  for (let i = 0; i < geometry.length; i++) byPath[i] = perPath(i);
  const out = new Float32Array(geometry.vertexCount);
  for (let v = 0; v < geometry.vertexCount; v++) out[v] = byPath[geometry.pathOfVertex[v]];
  return out;
}

/**
 * Spread RGBA per path over the vertices, into `out` (reused across updates). Each vertex is
 * one 32-bit word, so this is a word copy per vertex.
 */
export function expandColours(geometry: PathGeometry, perPath: Uint8Array, out: Uint8Array): Uint8Array {
  const src = new Uint32Array(perPath.buffer, perPath.byteOffset, geometry.length);
  const dst = new Uint32Array(out.buffer, out.byteOffset, geometry.vertexCount);
  const map = geometry.pathOfVertex;
  for (let v = 0; v < dst.length; v++) dst[v] = src[map[v]];
  return out;
}

/**
 * Recolour, in place, only the segments whose reading object changed since `previous` (a delta
 * keeps unchanged items by reference, so this skips the band computation for all the rest).
 * Returns how many paths changed.
 */
export function updateSegmentColours(
  segments: ReadonlyArray<Pick<RoadSegment, 'id' | 'freeFlowKmh'>>,
  items: Readonly<Record<string, Pick<TrafficReading, 'speedKmh'>>>,
  previous: Readonly<Record<string, Pick<TrafficReading, 'speedKmh'>>> | null,
  colours: Uint8Array,
): number {
  let changed = 0;
  for (let i = 0; i < segments.length; i++) {
    const id = segments[i].id;
    const reading = items[id];
    if (previous && previous[id] === reading) continue;
    const rgb = segmentRgb(segments[i], reading);
    const o = i * COLOUR_SIZE;
    if (colours[o] === rgb[0] && colours[o + 1] === rgb[1] && colours[o + 2] === rgb[2] && colours[o + 3] === 255) continue;
    colours[o] = rgb[0];
    colours[o + 1] = rgb[1];
    colours[o + 2] = rgb[2];
    colours[o + 3] = 255;
    changed++;
  }
  return changed;
}

/** Every vertex one colour (e.g. grey before any reading). */
export function fillColour(out: Uint8Array, rgb: readonly [number, number, number]): Uint8Array {
  for (let o = 0; o < out.length; o += 4) {
    out[o] = rgb[0];
    out[o + 1] = rgb[1];
    out[o + 2] = rgb[2];
    out[o + 3] = 255;
  }
  return out;
}
