import type { DeltaItem } from '@/lib/protocol/delta-items';
import type { LayerItem, LayerName } from '@/lib/protocol/layers';
import type { Area, LayerDelta, LayerSnapshot } from '@/lib/protocol/socket';

/**
 * Areas are rounded out to Web Mercator tiles at one zoom, so clients looking at nearly the same
 * view share one room and one encoded delta. Zoom 14 tiles are about 2.4 km (1.5 km at 50°N).
 */
export const AREA_ZOOM = 14;
/** A view wider than this many tiles is treated as the whole city. */
const MAX_AREA_TILES = 64 * 64;

/** Inclusive tile ranges: x grows east, y grows south. */
export interface TileRange {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const N = 2 ** AREA_ZOOM;
const clampTile = (t: number) => Math.min(N - 1, Math.max(0, t));
export const tileX = (lon: number) => clampTile(Math.floor(((lon + 180) / 360) * N));
export function tileY(lat: number): number {
  const r = (Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180;
  return clampTile(Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * N));
}

/** The tile range covering an area, or null when it is so large it is the whole city. */
export function tilesOfArea(area: Area): TileRange | null {
  const r = { x0: tileX(area.west), x1: tileX(area.east), y0: tileY(area.north), y1: tileY(area.south) };
  return (r.x1 - r.x0 + 1) * (r.y1 - r.y0 + 1) > MAX_AREA_TILES ? null : r;
}

export const areaKeyOf = (r: TileRange | null) => (r ? `${AREA_ZOOM}-${r.x0}-${r.y0}-${r.x1}-${r.y1}` : 'all');
export function rangeOfKey(key: string): TileRange | null {
  const m = /^\d+-(\d+)-(\d+)-(\d+)-(\d+)$/.exec(key);
  return m ? { x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]) } : null;
}

export function rangeOfPoints(points: ReadonlyArray<readonly [number, number] | readonly number[]>): TileRange | null {
  if (points.length === 0) return null;
  let r: TileRange | null = null;
  for (const p of points) {
    const x = tileX(p[0]);
    const y = tileY(p[1]);
    r = r ? { x0: Math.min(r.x0, x), y0: Math.min(r.y0, y), x1: Math.max(r.x1, x), y1: Math.max(r.y1, y) } : { x0: x, y0: y, x1: x, y1: y };
  }
  return r;
}

const overlaps = (a: TileRange, b: TileRange) => a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 && b.y0 <= a.y1;

/**
 * Where items are. Most items carry their own location; road segments are placed from the road
 * network (items hold only readings). An item that cannot be placed is in every area: a
 * control room must never lose an item because its place is unknown.
 */
export class ItemLocator {
  private readonly byId = new Map<string, TileRange>();

  /** Place items by id from geometry known elsewhere (the road network). */
  setPlaces(places: Iterable<[string, TileRange]>): void {
    for (const [id, r] of places) this.byId.set(id, r);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  rangeOf(id: string, item: LayerItem): TileRange | null {
    const loc = (item as { location?: unknown }).location;
    if (Array.isArray(loc) && loc.length >= 2 && typeof loc[0] === 'number' && typeof loc[1] === 'number') {
      const x = tileX(loc[0]);
      const y = tileY(loc[1] as number);
      return { x0: x, y0: y, x1: x, y1: y };
    }
    return this.byId.get(id) ?? null;
  }

  inArea(id: string, item: LayerItem, area: TileRange): boolean {
    const r = this.rangeOf(id, item);
    return r === null || overlaps(r, area);
  }
}

/** The snapshot restricted to an area; the version is the layer's, so deltas chain on. */
export function snapshotInArea<L extends LayerName>(snap: LayerSnapshot<L>, area: TileRange | null, where: ItemLocator): LayerSnapshot<L> {
  if (!area) return snap;
  const items: Record<string, LayerItem<L>> = {};
  for (const [id, item] of Object.entries(snap.items)) if (where.inArea(id, item, area)) items[id] = item;
  return { ...snap, items } as LayerSnapshot<L>;
}

/**
 * The delta restricted to an area, given the snapshot it applies to: items in the area are
 * upserted, items that left it (moved out or removed) are removed, the rest is not sent.
 */
export function deltaInArea<L extends LayerName>(delta: LayerDelta<L>, before: LayerSnapshot<L>, area: TileRange | null, where: ItemLocator): LayerDelta<L> {
  if (!area) return delta;
  const upsert: Record<string, DeltaItem<L>> = {};
  const remove: string[] = [];
  for (const [id, item] of Object.entries(delta.upsert)) {
    if (where.inArea(id, item, area)) upsert[id] = item;
    else {
      const old = before.items[id];
      if (old && where.inArea(id, old, area)) remove.push(id);
    }
  }
  for (const id of delta.remove) {
    const old = before.items[id];
    if (old && where.inArea(id, old, area)) remove.push(id);
  }
  return { ...delta, upsert, remove } as LayerDelta<L>;
}
