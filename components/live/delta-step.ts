import { advanceSnapshot } from '@/lib/protocol/delta';
import type { LayerDelta } from '@/lib/protocol/socket';
import type { LiveSnapshot } from './keys';

export type DeltaStep =
  /** The next version; its items are the cached snapshot's, written in place. */
  | { kind: 'applied'; snapshot: LiveSnapshot }
  /** Already contained in the cached snapshot (e.g. a delta that raced a fresh snapshot). */
  | { kind: 'ignored' }
  /** A gap, another layer's delta or nothing cached yet: only a full snapshot can fix it. */
  | { kind: 'resync' };

/**
 * What to do with a delta given the cached snapshot: apply it when it names the cached version
 * (in place, naming the ids it changed), skip it when the cache is already past it, otherwise ask
 * for a snapshot. Never half-applies: a delta that cannot be applied leaves the cache as it was.
 */
export function stepDelta(cached: LiveSnapshot | undefined, delta: LayerDelta): DeltaStep {
  if (!cached || cached.layer !== delta.layer) return { kind: 'resync' };
  if (delta.baseVersion === cached.version) {
    let advanced: ReturnType<typeof advanceSnapshot>;
    try {
      advanced = advanceSnapshot(cached, delta);
    } catch {
      // An item that cannot be made whole: nothing was written, a snapshot repairs it.
      return { kind: 'resync' };
    }
    return { kind: 'applied', snapshot: { ...advanced.snapshot, changed: { since: cached.version, ids: advanced.changed } } };
  }
  if (delta.version <= cached.version) return { kind: 'ignored' };
  return { kind: 'resync' };
}
