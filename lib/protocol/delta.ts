import type { LayerItem, LayerName } from './layers';
import type { LayerDelta, LayerSnapshot } from './socket';

/** Items are flat records of numbers and strings, with at most small arrays (a location). */
export function sameItem(a: object, b: object): boolean {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra);
  if (keys.length !== Object.keys(rb).length) return false;
  for (const k of keys) {
    const x = ra[k];
    const y = rb[k];
    if (x === y) continue;
    if (Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => v === y[i])) continue;
    return false;
  }
  return true;
}

/** The delta that turns `prev` into a snapshot holding `nextItems`, or null if nothing changed. */
export function diffSnapshot<L extends LayerName>(
  prev: LayerSnapshot<L>,
  nextItems: Record<string, LayerItem<L>>,
  asOf: string | null,
): LayerDelta<L> | null {
  const upsert: Record<string, LayerItem<L>> = {};
  const remove: string[] = [];
  let changed = false;
  for (const [id, item] of Object.entries(nextItems)) {
    const old = prev.items[id];
    if (!old || !sameItem(old, item)) {
      upsert[id] = item;
      changed = true;
    }
  }
  for (const id of Object.keys(prev.items)) {
    if (!(id in nextItems)) {
      remove.push(id);
      changed = true;
    }
  }
  if (!changed && asOf === prev.asOf) return null;
  // The layer is L's own, so the delta is of L (TypeScript cannot see through the distributive type).
  return { layer: prev.layer, baseVersion: prev.version, version: prev.version + 1, asOf, upsert, remove } as LayerDelta<L>;
}

/** Apply a delta to the snapshot it names; returns a new snapshot and leaves the input unchanged. */
export function applyDelta<L extends LayerName>(snapshot: LayerSnapshot<L>, delta: LayerDelta<L>): LayerSnapshot<L> {
  if (delta.layer !== snapshot.layer) throw new Error(`delta for ${delta.layer} applied to ${snapshot.layer}`);
  if (delta.baseVersion !== snapshot.version)
    throw new Error(`delta applies to version ${delta.baseVersion}, snapshot is at ${snapshot.version}`);
  const items = { ...snapshot.items, ...delta.upsert };
  for (const id of delta.remove) delete items[id];
  return { layer: snapshot.layer, version: delta.version, asOf: delta.asOf, items } as LayerSnapshot<L>;
}
