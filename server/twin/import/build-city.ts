import type { LonLat, RoadClass } from '@/lib/domain/road';
import type { ImportedCity, ImportReport } from '@/lib/protocol/city-import';
import { CLASS_SPEC } from '../city';
import { pathLength, projection, type XY } from '../geo';
import { extentOf } from './city-file';
import type { OsmData, RawWay } from './osm-data';
import { ImportError, ProblemLog } from './problems';
import { largestComponent } from './scc';
import { areaKindOf, classify, directionOf, isBridge, lanesOf, nameOf, speedOf } from './tags';

/** Segment paths stay well under the 500 points the protocol allows. */
const MAX_POINTS = 200;
/** Long roads are cut: the link-level traffic model wants cells of a few hundred metres, not 10 km. */
const MAX_PIECE_M = 2000;
/** Pieces shorter than this are zero-length: their two ends are merged into one junction. */
const ZERO_M = 0.5;
/** Vertices closer than this to the previous one add nothing (and round to the same lon/lat). */
const DEDUPE_M = 0.25;
/** A traffic_signals node this close before a junction controls it (OSM puts them at the stop line). */
const SIGNAL_REACH_M = 30;
const MAX_AREA_POINTS = 20_000;

interface Road {
  way: RawWay;
  roadClass: RoadClass;
  /** Stretches of consecutive nodes the file has positions for (a missing node cuts the way). */
  runs: number[][];
  /** Pieces cut from the runs, in way order. */
  pieces: number[];
}

interface Piece {
  road: number;
  /** Index among its way's pieces: part of the segment id, stable for the same input. */
  k: number;
  ids: number[];
  xy: XY[];
  lengthM: number;
  signalAtStart: boolean;
  signalAtEnd: boolean;
  /** Graph nodes (after merging zero-length pieces); −1 while not assigned. */
  from: number;
  to: number;
}

interface DraftSegment {
  piece: number;
  forward: boolean;
  from: number;
  to: number;
  lanes: number;
  kmh: number;
  reverse: number;
  defaulted: { lanes: boolean; maxspeed: boolean };
  signalAtEnd: boolean;
}

const round2 = (v: number) => Math.round(v * 100) / 100;
const dist = (a: XY, b: XY) => Math.hypot(b[0] - a[0], b[1] - a[1]);

/**
 * Build the twin's road network from OSM ways: keep drivable roads (see tags.ts), cut them into
 * segments at junctions, direct them (oneway), give them lanes, speed, capacity and a name, merge
 * zero-length pieces, and keep the largest strongly connected part so traffic can always leave a
 * segment. Broken input is counted, with examples, and skipped; only "no roads at all" throws.
 */
export function buildImportedCity(osm: OsmData, opts: { name: string; source: ImportedCity['source']; now?: Date }): ImportedCity {
  const missingNodes = new ProblemLog();
  const tooFewNodes = new ProblemLog();
  const zeroLength = new ProblemLog();
  const droppedByHighway: Record<string, number> = {};
  let highwayWays = 0;

  // 1. Drivable ways, as runs of nodes with usable positions. Extracts keep whole ways that leave
  // their declared bounds (Andorra's reaches 80 km into Spain): the network is cut at the bounds.
  const roads: Road[] = [];
  const b = osm.bounds;
  const inside = (id: number) => {
    const p = osm.nodes.get(id);
    return !!p && (!b || (p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3]));
  };
  let outsideBounds = 0;
  for (const way of osm.ways) {
    if (!way.tags.highway) continue;
    highwayWays++;
    const c = classify(way.tags);
    if ('dropped' in c) {
      droppedByHighway[c.dropped] = (droppedByHighway[c.dropped] ?? 0) + 1;
      continue;
    }
    const runs: number[][] = [];
    let run: number[] = [];
    let missing = 0;
    let firstMissing = 0;
    for (const ref of way.refs) {
      if (inside(ref)) {
        if (run[run.length - 1] !== ref) run.push(ref);
        continue;
      }
      // Bad coordinates were reported when the node was read; a node absent from the file is reported here.
      if (osm.nodes.has(ref)) outsideBounds++;
      else if (!osm.badNodes.has(ref) && missing++ === 0) firstMissing = ref;
      if (run.length >= 2) runs.push(run);
      run = [];
    }
    if (run.length >= 2) runs.push(run);
    if (missing) missingNodes.add(`${way.label}: node ${firstMissing} is not in the file${missing > 1 ? ` (and ${missing - 1} more)` : ''}`, missing);
    if (!runs.length) {
      const usable = new Set(way.refs.filter(inside)).size;
      // A way wholly outside the declared bounds is simply not part of the extract.
      if (usable > 0 || way.refs.some((r) => !osm.nodes.has(r))) tooFewNodes.add(`${way.label}: ${usable} usable node(s) of ${way.refs.length}`);
      continue;
    }
    roads.push({ way, roadClass: c.roadClass, runs, pieces: [] });
  }
  if (!roads.length)
    throw new ImportError(`no drivable roads: ${osm.waysRead} way(s) read, ${highwayWays} with a highway tag, none usable (see tags.ts for the classes kept)`);

  // 2. Local metres around the centre of the roads' extent.
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const r of roads)
    for (const run of r.runs)
      for (const id of run) {
        const [lon, lat] = osm.nodes.get(id) as LonLat;
        [west, south, east, north] = [Math.min(west, lon), Math.min(south, lat), Math.max(east, lon), Math.max(north, lat)];
      }
  const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
  const center: LonLat = [r6((west + east) / 2), r6((south + north) / 2)];
  const proj = projection(center);
  const xyCache = new Map<number, XY>();
  const xyOf = (id: number): XY => {
    let p = xyCache.get(id);
    if (!p) {
      const [lon, lat] = osm.nodes.get(id) as LonLat;
      p = proj.toXY(lon, lat);
      xyCache.set(id, p);
    }
    return p;
  };

  // 3. Junctions: run ends and nodes used more than once (by two ways, or twice by one).
  const uses = new Map<number, number>();
  const graphNode = new Set<number>();
  for (const r of roads)
    for (const run of r.runs) {
      graphNode.add(run[0]).add(run[run.length - 1]);
      for (const id of run) uses.set(id, (uses.get(id) ?? 0) + 1);
    }
  for (const [id, u] of uses) if (u > 1) graphNode.add(id);

  // 4. Pieces between junctions, cut further when long; closed loops are cut in the middle.
  const pieces: Piece[] = [];
  const signalWithin = (ids: number[], pts: XY[]) => {
    let d = 0;
    for (let k = 0; k < ids.length && d <= SIGNAL_REACH_M; k++) {
      if (osm.signals.has(ids[k])) return true;
      if (k + 1 < pts.length) d += dist(pts[k], pts[k + 1]);
    }
    return false;
  };
  const emit = (ri: number, ids: number[]) => {
    if (ids[0] === ids[ids.length - 1]) {
      const mid = Math.floor(ids.length / 2);
      graphNode.add(ids[mid]);
      emit(ri, ids.slice(0, mid + 1));
      emit(ri, ids.slice(mid));
      return;
    }
    const road = roads[ri];
    const pts = ids.map(xyOf);
    const xy: XY[] = [pts[0]];
    for (let k = 1; k < pts.length - 1; k++) if (dist(xy[xy.length - 1], pts[k]) >= DEDUPE_M) xy.push(pts[k]);
    const last = pts[pts.length - 1];
    if (xy.length > 1 && dist(xy[xy.length - 1], last) < DEDUPE_M) xy.pop();
    xy.push(last);
    const k = road.pieces.length;
    road.pieces.push(pieces.length);
    pieces.push({
      road: ri,
      k,
      ids,
      xy: xy.map(([x, y]): XY => [round2(x), round2(y)]),
      lengthM: pathLength(xy),
      signalAtStart: signalWithin(ids, pts),
      signalAtEnd: signalWithin([...ids].reverse(), [...pts].reverse()),
      from: -1,
      to: -1,
    });
  };
  roads.forEach((road, ri) => {
    for (const run of road.runs) {
      let piece = [run[0]];
      let len = 0;
      for (let k = 1; k < run.length; k++) {
        const id = run[k];
        len += dist(xyOf(run[k - 1]), xyOf(id));
        piece.push(id);
        const last = k === run.length - 1;
        if (last || graphNode.has(id) || piece.length >= MAX_POINTS || len >= MAX_PIECE_M) {
          graphNode.add(id);
          emit(ri, piece);
          piece = [id];
          len = 0;
        }
      }
    }
  });

  // 5. Zero-length pieces merge their two ends into one junction (union–find over node ids).
  const parent = new Map<number, number>();
  const find = (id: number): number => {
    let root = id;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) as number;
    while (id !== root) {
      const next = parent.get(id) ?? root;
      parent.set(id, root);
      id = next;
    }
    return root;
  };
  const usable: Piece[] = [];
  for (const p of pieces) {
    const [a, b] = [p.ids[0], p.ids[p.ids.length - 1]];
    if (p.lengthM >= ZERO_M) {
      usable.push(p);
      continue;
    }
    zeroLength.add(`${roads[p.road].way.label}: nodes ${a} and ${b} are ${p.lengthM.toFixed(2)} m apart`);
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(rb, ra);
  }
  const nodeIndex = new Map<number, number>();
  const nodeIds: number[] = [];
  const indexOf = (id: number) => {
    const root = find(id);
    let i = nodeIndex.get(root);
    if (i === undefined) {
      i = nodeIds.length;
      nodeIndex.set(root, i);
      nodeIds.push(root);
    }
    return i;
  };
  for (const p of usable) [p.from, p.to] = [indexOf(p.ids[0]), indexOf(p.ids[p.ids.length - 1])];

  // 6. Directed segments: one per direction traffic may take.
  const drafts: DraftSegment[] = [];
  usable.forEach((p, pi) => {
    const tags = roads[p.road].way.tags;
    const dir = directionOf(tags);
    const lanes = lanesOf(tags, dir);
    const speed = speedOf(tags);
    const defaulted = { lanes: lanes.defaulted, maxspeed: speed.defaulted };
    const fwd = dir === 'backward' ? -1 : drafts.length;
    if (dir !== 'backward') drafts.push({ piece: pi, forward: true, from: p.from, to: p.to, lanes: lanes.forward, kmh: speed.forward, reverse: -1, defaulted, signalAtEnd: p.signalAtEnd });
    if (dir !== 'forward')
      drafts.push({ piece: pi, forward: false, from: p.to, to: p.from, lanes: lanes.backward, kmh: speed.backward, reverse: fwd, defaulted, signalAtEnd: p.signalAtStart });
    if (fwd >= 0 && dir === 'both') drafts[fwd].reverse = drafts.length - 1;
  });

  // 7. Keep the largest strongly connected part: elsewhere traffic could enter and never leave.
  const { keep, components } = largestComponent(nodeIds.length, drafts);
  const newNode = new Int32Array(nodeIds.length).fill(-1);
  const nodes: ImportedCity['nodes'] = [];
  nodeIds.forEach((id, i) => {
    if (!keep[i]) return;
    newNode[i] = nodes.length;
    const [x, y] = xyOf(id);
    nodes.push({ x: round2(x), y: round2(y), signalised: osm.signals.has(id) });
  });
  const newSeg = new Int32Array(drafts.length).fill(-1);
  const kept: DraftSegment[] = [];
  drafts.forEach((d, i) => {
    if (!keep[d.from] || !keep[d.to]) return;
    newSeg[i] = kept.length;
    kept.push(d);
  });

  const byClass: Record<RoadClass, number> = { motorway: 0, primary: 0, secondary: 0, tertiary: 0, residential: 0 };
  const defaulted = { lanes: 0, maxspeed: 0, name: 0 };
  const keptPieces = new Set<Piece>();
  const segments: ImportedCity['segments'] = kept.map((d) => {
    const p = usable[d.piece];
    const road = roads[p.road];
    keptPieces.add(p);
    const { name, defaulted: unnamed } = nameOf(road.way.tags);
    byClass[road.roadClass]++;
    defaulted.lanes += d.defaulted.lanes ? 1 : 0;
    defaulted.maxspeed += d.defaulted.maxspeed ? 1 : 0;
    defaulted.name += unnamed ? 1 : 0;
    if (d.signalAtEnd) nodes[newNode[d.to]].signalised = true;
    const xy = d.forward ? p.xy : [...p.xy].reverse();
    return {
      id: `${road.way.key}-${p.k}${d.forward ? 'f' : 'b'}`,
      name,
      roadClass: road.roadClass,
      lanes: d.lanes,
      freeFlowKmh: d.kmh,
      capacityVph: d.lanes * CLASS_SPEC[road.roadClass].capacityPerLane,
      lengthM: Math.max(1, Math.round(p.lengthM)),
      from: newNode[d.from],
      to: newNode[d.to],
      reverse: d.reverse >= 0 ? newSeg[d.reverse] : -1,
      bridge: isBridge(road.way.tags),
      xy,
    };
  });

  // 8. Streets for the basemap: each way's kept pieces, joined where they meet.
  const streets: ImportedCity['streets'] = [];
  const bridges: ImportedCity['bridges'] = [];
  for (const road of roads) {
    const { name } = nameOf(road.way.tags);
    let line: XY[] = [];
    let lastId = NaN;
    const flush = () => {
      if (line.length >= 2) {
        for (let s = 0; s < line.length - 1; s += 19_999) {
          const part = { name, roadClass: road.roadClass, xy: line.slice(s, s + 20_000) };
          streets.push(part);
          if (isBridge(road.way.tags)) bridges.push(part);
        }
      }
      line = [];
    };
    for (const pi of road.pieces) {
      const p = pieces[pi];
      if (!keptPieces.has(p)) {
        flush();
        continue;
      }
      if (p.ids[0] === lastId && line.length) line.push(...p.xy.slice(1));
      else {
        flush();
        line = [...p.xy];
      }
      lastId = p.ids[p.ids.length - 1];
    }
    flush();
  }

  // 9. Water and parks: closed ways inside the network's extent.
  const extent = extentOf(nodes);
  const areas: ImportedCity['areas'] = [];
  const areaCount = { water: 0, park: 0 };
  for (const way of osm.ways) {
    const kind = areaKindOf(way.tags);
    const refs = way.refs;
    if (!kind || refs.length < 4 || refs.length > MAX_AREA_POINTS || refs[0] !== refs[refs.length - 1]) continue;
    if (!refs.every((id) => osm.nodes.has(id))) continue;
    const xy = refs.map((id) => {
      const [lon, lat] = osm.nodes.get(id) as LonLat;
      const [x, y] = proj.toXY(lon, lat);
      return [round2(x), round2(y)] as XY;
    });
    if (!xy.some(([x, y]) => x >= extent.minX && x <= extent.maxX && y >= extent.minY && y <= extent.maxY)) continue;
    const name = way.tags.name?.trim().slice(0, 200);
    areas.push(name ? { kind, name, xy } : { kind, xy });
    areaCount[kind]++;
  }

  const report: ImportReport = {
    waysRead: osm.waysRead,
    highwayWays,
    outsideBounds,
    droppedByHighway,
    roadWays: roads.length,
    segments: segments.length,
    junctions: nodes.length,
    signalised: nodes.filter((n) => n.signalised).length,
    oneWaySegments: segments.filter((s) => s.reverse < 0).length,
    segmentsByClass: byClass,
    components,
    disconnectedSegments: drafts.length - kept.length,
    disconnectedJunctions: nodeIds.length - nodes.length,
    defaulted,
    broken: {
      invalidElements: osm.invalidElements.toJSON(),
      badCoordinates: osm.badCoordinates.toJSON(),
      missingNodes: missingNodes.toJSON(),
      tooFewNodes: tooFewNodes.toJSON(),
      zeroLength: zeroLength.toJSON(),
    },
    areas: areaCount,
  };
  if (!segments.length) throw new ImportError('no connected road network left after dropping broken and disconnected parts');
  return {
    format: 'polis-city/1',
    name: opts.name,
    center,
    importedAt: (opts.now ?? new Date()).toISOString(),
    source: opts.source,
    nodes,
    segments,
    streets,
    bridges,
    areas,
    report,
  };
}
