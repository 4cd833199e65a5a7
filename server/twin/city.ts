import type { LonLat, RoadClass, RoadSegment } from '@/lib/domain/road';
import { buildAdjacency, type Adjacency } from './adjacency';
import { pathLength, projection, type XY } from './geo';
import { streetNamer } from './names';
import { Random } from './random';

export const CITY_NAME = 'Polis';
/** Real-looking coordinates for a fictional town (central Germany). */
export const CITY_CENTER: LonLat = [9.94, 51.54];
/** Block size of the street grid, in metres. */
const SPACING = 260;
/** Extra width between the two grid rows the river runs between. */
const RIVER_GAP = 0.8 * SPACING;
export const RIVER_HALF_WIDTH = 0.33 * SPACING;
export const RIVER_NAME = 'River Lenne';
export const RING_NAME = 'Ring Road';
const MAX_STREET_BRIDGES = 6;

/** Per road class: lanes per direction, free-flow speed (km/h) and capacity per lane (veh/h). */
export const CLASS_SPEC: Record<RoadClass, { lanes: number; freeFlowKmh: number; capacityPerLane: number }> = {
  motorway: { lanes: 3, freeFlowKmh: 90, capacityPerLane: 2000 },
  primary: { lanes: 2, freeFlowKmh: 50, capacityPerLane: 1800 },
  secondary: { lanes: 1, freeFlowKmh: 50, capacityPerLane: 1600 },
  tertiary: { lanes: 1, freeFlowKmh: 40, capacityPerLane: 1400 },
  residential: { lanes: 1, freeFlowKmh: 30, capacityPerLane: 900 },
};

export interface CityNode {
  x: number;
  y: number;
  signalised: boolean;
}

/** A directed segment of the city, with the graph facts the simulation needs. */
export interface CitySegment extends RoadSegment {
  from: number;
  to: number;
  /** Index of the same street's other direction, or −1 on a one-way street. */
  reverse: number;
  bridge: boolean;
  /** Path in local metres, for geometry tests and the basemap. */
  xy: XY[];
}

/** One street as drawn on the basemap: a named polyline (several per street where the river cuts it). */
export interface StreetLine {
  name: string;
  roadClass: RoadClass;
  xy: XY[];
}

/** Water or a park, drawn on the basemap (imported cities take them from OSM areas). */
export interface CityArea {
  kind: 'water' | 'park';
  name?: string;
  /** Closed ring in local metres. */
  xy: XY[];
}

/**
 * A city the twin runs: generated from a seed (generateCity) or imported from OpenStreetMap
 * (server/twin/import). Coordinates are local metres around `center`.
 */
export interface City {
  name: string;
  seed: number;
  center: LonLat;
  nodes: CityNode[];
  segments: CitySegment[];
  streets: StreetLine[];
  bridges: StreetLine[];
  /** Turning moves between directed segments (downstream and upstream of each), in CSR form. */
  adjacency: Adjacency;
  /** The town's extent with a margin: in metres, and as [west, south, east, north]. */
  extent: { minX: number; maxX: number; minY: number; maxY: number };
  bbox: [number, number, number, number];
  /** River centre line, west to east, in metres (generated city only). */
  river?: XY[];
  /** Grid size (nodes per side) and the grid rows the river runs between (generated city only). */
  grid?: { n: number; riverRow: number; nodeAt: (i: number, j: number) => number };
  /** Water and parks from the source data (imported city only; the generated one draws its own). */
  areas?: CityArea[];
  toLonLat: (x: number, y: number) => LonLat;
}

function lineClass(k: number): RoadClass {
  const r = k % 6;
  if (r === 3) return 'primary';
  if (r === 0) return 'secondary';
  if (r === 1) return 'tertiary';
  return 'residential';
}

const major = (c: RoadClass) => c !== 'residential';

/** Which side of the river a point is on: −1 south, +1 north (+1 everywhere in a city without one). */
export function riverSide(river: readonly XY[] | undefined, x: number, y: number): number {
  if (!river || river.length < 2) return 1;
  let k = 0;
  while (k < river.length - 2 && river[k + 1][0] < x) k++;
  const [x0, y0] = river[k];
  const [x1, y1] = river[k + 1];
  const t = x1 === x0 ? 0 : Math.min(1, Math.max(0, (x - x0) / (x1 - x0)));
  return y >= y0 + t * (y1 - y0) ? 1 : -1;
}

function build(seed: number, n: number): City {
  const rng = new Random(seed);
  const nameOf = streetNamer(new Random(seed ^ 0x5bd1e995));
  const phase = rng.range(0, Math.PI * 2);
  const riverRow = Math.floor(n / 2) - 1;
  const half = ((n - 1) * SPACING) / 2;

  // Nodes: a jittered, gently warped grid, with a wider gap where the river runs.
  const nodes: CityNode[] = [];
  const nodeAt = (i: number, j: number) => i * n + j;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let x = j * SPACING - half + rng.range(-0.12, 0.12) * SPACING;
      let y = i * SPACING - half + (i > riverRow ? RIVER_GAP / 2 : -RIVER_GAP / 2) + rng.range(-0.12, 0.12) * SPACING;
      x += 0.08 * SPACING * Math.sin(y / 1500 + phase);
      y += 0.3 * SPACING * Math.sin(x / 1100 + phase);
      const rowC = lineClass(i);
      const colC = lineClass(j);
      const signalised = (major(rowC) && major(colC)) || rowC === 'primary' || colC === 'primary';
      nodes.push({ x, y, signalised });
    }
  }

  // River centre: midway between the two rows beside it, extended past the city on both sides.
  const river: XY[] = [];
  for (let j = 0; j < n; j++) {
    const a = nodes[nodeAt(riverRow, j)];
    const b = nodes[nodeAt(riverRow + 1, j)];
    river.push([(a.x + b.x) / 2, (a.y + b.y) / 2]);
  }
  river.unshift([river[0][0] - 3 * SPACING, river[0][1] + rng.range(-0.5, 0.5) * SPACING]);
  river.push([river[river.length - 1][0] + 3 * SPACING, river[river.length - 1][1] + rng.range(-0.5, 0.5) * SPACING]);

  const primaryCols = [...Array(n).keys()].filter((j) => lineClass(j) === 'primary');
  const stride = Math.max(1, Math.ceil(primaryCols.length / MAX_STREET_BRIDGES));
  const bridgeCols = new Set(primaryCols.filter((_, k) => k % stride === 0));

  const segments: CitySegment[] = [];
  const streets: StreetLine[] = [];
  const bridges: StreetLine[] = [];
  const addEdge = (a: number, b: number, xy: XY[], name: string, roadClass: RoadClass, bridge: boolean, lanesOverride?: number) => {
    const spec = CLASS_SPEC[roadClass];
    const lanes = lanesOverride ?? spec.lanes;
    const lengthM = Math.max(1, Math.round(pathLength(xy)));
    const base = { name, roadClass, lanes, freeFlowKmh: spec.freeFlowKmh, capacityVph: lanes * spec.capacityPerLane, lengthM, bridge };
    const fwd = segments.length;
    const id = (k: number) => `s${String(k + 1).padStart(5, '0')}`;
    const pathOf = (p: XY[]) => p.map(([x, y]) => proj.toLonLat(x, y));
    const back = [...xy].reverse();
    segments.push({ ...base, id: id(fwd), from: a, to: b, reverse: fwd + 1, xy, path: pathOf(xy) });
    segments.push({ ...base, id: id(fwd + 1), from: b, to: a, reverse: fwd, xy: back, path: pathOf(back) });
    if (bridge) bridges.push({ name, roadClass, xy });
  };
  const proj = projection(CITY_CENTER);
  const xyOf = (k: number): XY => [nodes[k].x, nodes[k].y];

  // East–west streets (rows), then north–south streets (columns); the river cuts columns without a bridge.
  for (let i = 0; i < n; i++) {
    const roadClass = lineClass(i);
    const name = nameOf(roadClass);
    const line: XY[] = [];
    for (let j = 0; j < n; j++) {
      line.push(xyOf(nodeAt(i, j)));
      if (j > 0) addEdge(nodeAt(i, j - 1), nodeAt(i, j), [xyOf(nodeAt(i, j - 1)), xyOf(nodeAt(i, j))], name, roadClass, false);
    }
    streets.push({ name, roadClass, xy: line });
  }
  for (let j = 0; j < n; j++) {
    const roadClass = lineClass(j);
    const name = nameOf(roadClass);
    let line: XY[] = [xyOf(nodeAt(0, j))];
    for (let i = 1; i < n; i++) {
      const crossesRiver = i === riverRow + 1;
      if (crossesRiver && !bridgeCols.has(j)) {
        streets.push({ name, roadClass, xy: line });
        line = [xyOf(nodeAt(i, j))];
        continue;
      }
      addEdge(nodeAt(i - 1, j), nodeAt(i, j), [xyOf(nodeAt(i - 1, j)), xyOf(nodeAt(i, j))], name, roadClass, crossesRiver);
      line.push(xyOf(nodeAt(i, j)));
    }
    streets.push({ name, roadClass, xy: line });
  }

  // The ring road: a motorway circle, grade-separated, joined to arterials by ramps.
  const radius = 0.38 * (n - 1) * SPACING;
  const ringCount = Math.max(16, Math.round((2 * Math.PI * radius) / 700));
  const ringStart = nodes.length;
  const ringPoint = (theta: number): XY => {
    const r = radius * (1 + 0.04 * Math.sin(3 * theta + phase));
    return [r * Math.cos(theta), r * Math.sin(theta)];
  };
  for (let k = 0; k < ringCount; k++) {
    const [x, y] = ringPoint((2 * Math.PI * k) / ringCount);
    nodes.push({ x, y, signalised: false });
  }
  const ringLine: XY[] = [];
  for (let k = 0; k < ringCount; k++) {
    const a = ringStart + k;
    const b = ringStart + ((k + 1) % ringCount);
    const arc: XY[] = [];
    for (let s = 0; s <= 4; s++) arc.push(ringPoint((2 * Math.PI * (k + s / 4)) / ringCount));
    const bridge = riverSide(river, arc[0][0], arc[0][1]) !== riverSide(river, arc[4][0], arc[4][1]);
    addEdge(a, b, arc, RING_NAME, 'motorway', bridge);
    ringLine.push(...(k === 0 ? arc : arc.slice(1)));
  }
  streets.push({ name: RING_NAME, roadClass: 'motorway', xy: ringLine });

  // Ramps: from every other ring node to the nearest grid node on an arterial, same side of the river.
  const arterialNodes: number[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (lineClass(i) === 'primary' || lineClass(j) === 'primary') arterialNodes.push(nodeAt(i, j));
  const arterialName = (k: number) => {
    const i = Math.floor(k / n);
    return streets[lineClass(i) === 'primary' ? i : n + (k % n)]?.name ?? 'Arterial';
  };
  const joined = new Set<number>();
  for (let k = 0; k < ringCount; k += 2) {
    const r = nodes[ringStart + k];
    let best = -1;
    let bestD = Infinity;
    for (const g of arterialNodes) {
      const d = Math.hypot(nodes[g].x - r.x, nodes[g].y - r.y);
      if (d < bestD && !joined.has(g)) [best, bestD] = [g, d];
    }
    if (best < 0 || bestD > 1.2 * SPACING || bestD < 20) continue;
    if (riverSide(river, r.x, r.y) !== riverSide(river, nodes[best].x, nodes[best].y)) continue;
    joined.add(best);
    nodes[best].signalised = true;
    const xy: XY[] = [[r.x, r.y], xyOf(best)];
    const name = `${RING_NAME} access (${arterialName(best)})`;
    addEdge(ringStart + k, best, xy, name, 'primary', false, 1);
    streets.push({ name, roadClass: 'primary', xy });
  }

  const pad = 400;
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const p of nodes) [minX, maxX, minY, maxY] = [Math.min(minX, p.x), Math.max(maxX, p.x), Math.min(minY, p.y), Math.max(maxY, p.y)];
  const extent = { minX: minX - pad, maxX: maxX + pad, minY: minY - pad, maxY: maxY + pad };
  const bbox: City['bbox'] = [...proj.toLonLat(extent.minX, extent.minY), ...proj.toLonLat(extent.maxX, extent.maxY)];
  return {
    name: CITY_NAME,
    seed,
    center: CITY_CENTER,
    nodes,
    segments,
    adjacency: buildAdjacency(nodes.length, segments),
    extent,
    bbox,
    streets,
    bridges,
    river,
    grid: { n, riverRow, nodeAt },
    toLonLat: proj.toLonLat,
  };
}

/** Generate the city for a seed with at least `size` directed segments. Same inputs, same city. */
export function generateCity(opts: { seed: number; size: number }): City {
  let n = Math.max(8, Math.floor((1 + Math.sqrt(1 + opts.size)) / 2) - 1);
  for (;;) {
    const city = build(opts.seed, n);
    if (city.segments.length >= opts.size) return city;
    n++;
  }
}
