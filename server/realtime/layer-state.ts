import { applyDelta, diffSnapshot } from '@/lib/protocol/delta';
import type { LayerName, LayerState as LayerStateBody } from '@/lib/protocol/layers';
import type { LayerDelta, LayerSnapshot } from '@/lib/protocol/socket';

/**
 * The latest versioned snapshot of one layer. Each update from the model services becomes at
 * most one delta naming the version it applies to; the snapshot is replaced, never mutated, so
 * a snapshot handed to a client stays consistent with the deltas that follow it.
 */
export class LayerState<L extends LayerName = LayerName> {
  private current: LayerSnapshot<L>;

  constructor(layer: L) {
    this.current = { layer, version: 0, asOf: null, items: {} } as LayerSnapshot<L>;
  }

  get snapshot(): LayerSnapshot<L> {
    return this.current;
  }

  /** Take the model services' latest state; returns the delta to broadcast, or null if nothing changed. */
  update(state: LayerStateBody<L>): LayerDelta<L> | null {
    const delta = diffSnapshot<L>(this.current, state.items, state.asOf);
    if (!delta) return null;
    // Build the next snapshot without copying unchanged readings one by one twice.
    const items = { ...this.current.items, ...delta.upsert };
    for (const id of delta.remove) delete items[id];
    this.current = { layer: this.current.layer, version: delta.version, asOf: delta.asOf, items } as LayerSnapshot<L>;
    return delta;
  }

  /** Apply a delta made by another gateway (the elected poller); false when it does not follow on. */
  apply(delta: LayerDelta<L>): boolean {
    if (delta.baseVersion !== this.current.version) return false;
    this.current = applyDelta(this.current, delta);
    return true;
  }

  /** Adopt a newer snapshot (from another gateway after a gap or a change of poller). */
  replace(snapshot: LayerSnapshot<L>): void {
    if (snapshot.layer !== this.current.layer) throw new Error(`snapshot of ${snapshot.layer} given to ${this.current.layer}`);
    this.current = snapshot;
  }
}
