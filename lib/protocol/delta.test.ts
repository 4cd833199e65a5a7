import { describe, expect, it } from 'vitest';
import { applyDelta, diffSnapshot } from './delta';
import type { LayerSnapshot } from './socket';

const r = (speedKmh: number, observedAt = '2026-11-23T08:00:10.000Z') => ({ speedKmh, flowVph: 600, occupancy: 0.1, observedAt });
const snap = (version: number, items: LayerSnapshot<'traffic'>['items'], asOf: string | null = '2026-11-23T08:00:10.000Z'): LayerSnapshot<'traffic'> => ({
  layer: 'traffic',
  version,
  asOf,
  items,
});

describe('diffSnapshot and applyDelta', () => {
  it('apply(snapshot, diff(snapshot, next)) equals the next snapshot', () => {
    const prev = snap(4, { a: r(10), b: r(20), c: r(30) });
    const nextItems = { a: r(10), b: r(25, '2026-11-23T08:00:20.000Z'), d: r(50, '2026-11-23T08:00:20.000Z') };
    const delta = diffSnapshot(prev, nextItems, '2026-11-23T08:00:20.000Z')!;
    expect(applyDelta(prev, delta)).toEqual(snap(5, nextItems, '2026-11-23T08:00:20.000Z'));
  });

  it('carries only upserts for changed items and the ids removed', () => {
    const prev = snap(1, { a: r(10), b: r(20) });
    const delta = diffSnapshot(prev, { a: r(11), b: r(20) }, prev.asOf)!;
    expect(delta.upsert).toEqual({ a: r(11) });
    expect(delta.remove).toEqual([]);
  });

  it('finds nothing to send when nothing changed', () => {
    const prev = snap(1, { a: r(10) });
    expect(diffSnapshot(prev, { a: r(10) }, prev.asOf)).toBeNull();
  });

  it('refuses a delta meant for another version', () => {
    const prev = snap(1, { a: r(10) });
    const delta = diffSnapshot(prev, { a: r(12) }, prev.asOf)!;
    expect(() => applyDelta(snap(2, { a: r(10) }), delta)).toThrow(/version 1/);
  });

  it('does not change the snapshot it is applied to', () => {
    const prev = snap(1, { a: r(10), b: r(5) });
    const copy = structuredClone(prev);
    applyDelta(prev, diffSnapshot(prev, { a: r(12) }, prev.asOf)!);
    expect(prev).toEqual(copy);
  });
});
