import type { TrafficReading } from './traffic';
import type { LayerDelta, LayerSnapshot } from './socket';

function sameReading(a: TrafficReading, b: TrafficReading): boolean {
  return a.observedAt === b.observedAt && a.speedKmh === b.speedKmh && a.flowVph === b.flowVph && a.occupancy === b.occupancy;
}

/** The delta that turns `prev` into a snapshot holding `nextItems`, or null if nothing changed. */
export function diffSnapshot(
  prev: LayerSnapshot,
  nextItems: Record<string, TrafficReading>,
  asOf: string | null,
): LayerDelta | null {
  const upsert: Record<string, TrafficReading> = {};
  const remove: string[] = [];
  let changed = false;
  for (const [id, reading] of Object.entries(nextItems)) {
    const old = prev.items[id];
    if (!old || !sameReading(old, reading)) {
      upsert[id] = reading;
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
  return { layer: prev.layer, baseVersion: prev.version, version: prev.version + 1, asOf, upsert, remove };
}

/** Apply a delta to the snapshot it names; returns a new snapshot and leaves the input unchanged. */
export function applyDelta(snapshot: LayerSnapshot, delta: LayerDelta): LayerSnapshot {
  if (delta.layer !== snapshot.layer) throw new Error(`delta for ${delta.layer} applied to ${snapshot.layer}`);
  if (delta.baseVersion !== snapshot.version)
    throw new Error(`delta applies to version ${delta.baseVersion}, snapshot is at ${snapshot.version}`);
  const items = { ...snapshot.items, ...delta.upsert };
  for (const id of delta.remove) delete items[id];
  return { layer: snapshot.layer, version: delta.version, asOf: delta.asOf, items };
}
