import { diffSnapshot } from '@/lib/protocol/delta';
import type { LayerDelta, LayerName, LayerSnapshot } from '@/lib/protocol/socket';
import type { TrafficState } from '@/lib/protocol/models-api';

/**
 * The latest versioned snapshot of one layer. Each update from the model services becomes at
 * most one delta naming the version it applies to; the snapshot is replaced, never mutated, so
 * a snapshot handed to a client stays consistent with the deltas that follow it.
 */
export class LayerState {
  private current: LayerSnapshot;

  constructor(layer: LayerName) {
    this.current = { layer, version: 0, asOf: null, items: {} };
  }

  get snapshot(): LayerSnapshot {
    return this.current;
  }

  /** Take the model services' latest state; returns the delta to broadcast, or null if nothing changed. */
  update(state: TrafficState): LayerDelta | null {
    const delta = diffSnapshot(this.current, state.items, state.asOf);
    if (!delta) return null;
    // Build the next snapshot without copying unchanged readings one by one twice.
    const items = { ...this.current.items, ...delta.upsert };
    for (const id of delta.remove) delete items[id];
    this.current = { layer: this.current.layer, version: delta.version, asOf: delta.asOf, items };
    return delta;
  }
}
