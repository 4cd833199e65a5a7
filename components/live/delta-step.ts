import { applyDelta } from '@/lib/protocol/delta';
import type { LayerDelta, LayerSnapshot } from '@/lib/protocol/socket';

export type DeltaStep =
  | { kind: 'applied'; snapshot: LayerSnapshot }
  /** Already contained in the cached snapshot (e.g. a delta that raced a fresh snapshot). */
  | { kind: 'ignored' }
  /** A gap, another layer's delta or nothing cached yet: only a full snapshot can fix it. */
  | { kind: 'resync' };

/**
 * What to do with a delta given the cached snapshot: apply it when it names the cached version,
 * skip it when the cache is already past it, otherwise ask for a snapshot. Never half-applies.
 */
export function stepDelta(cached: LayerSnapshot | undefined, delta: LayerDelta): DeltaStep {
  if (!cached || cached.layer !== delta.layer) return { kind: 'resync' };
  if (delta.baseVersion === cached.version) return { kind: 'applied', snapshot: applyDelta(cached, delta) };
  if (delta.version <= cached.version) return { kind: 'ignored' };
  return { kind: 'resync' };
}
