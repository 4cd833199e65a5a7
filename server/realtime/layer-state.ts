import { applyDelta, diffSnapshot, type DiffOptions } from '@/lib/protocol/delta';
import type { LayerName, LayerState as LayerStateBody } from '@/lib/protocol/layers';
import type { LayerDelta, LayerSnapshot } from '@/lib/protocol/socket';

/**
 * The latest versioned snapshot of one layer. Each update from the model services becomes at
 * most one delta naming the version it applies to; the snapshot is replaced, never mutated, so
 * a snapshot handed to a client stays consistent with the deltas that follow it.
 */
export class LayerState<L extends LayerName = LayerName> {
  private current: LayerSnapshot<L>;

  /** diffOpts: e.g. `{ deadBand: null }` to send every change (the layer's dead-band by default). */
  constructor(
    layer: L,
    private readonly diffOpts: DiffOptions<L> = {},
  ) {
    this.current = { layer, version: 0, asOf: null, items: {} } as LayerSnapshot<L>;
  }

  get snapshot(): LayerSnapshot<L> {
    return this.current;
  }

  /** Take the model services' latest state; returns the delta to broadcast, or null if nothing changed. */
  update(state: LayerStateBody<L>): LayerDelta<L> | null {
    const delta = diffSnapshot<L>(this.current, state.items, state.asOf, this.diffOpts);
    if (!delta) return null;
    // Items within the layer's dead-band are not in the delta: the snapshot keeps the last sent ones.
    this.current = applyDelta(this.current, delta);
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
