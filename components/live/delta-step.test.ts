import { describe, expect, it } from 'vitest';
import type { LayerDelta, LayerSnapshot } from '@/lib/protocol/socket';
import { stepDelta } from './delta-step';

const at = '2026-11-23T08:00:10.000Z';
const r = (speedKmh: number) => ({ speedKmh, flowVph: 600, occupancy: 0.1, observedAt: at });
const snap = (version: number): LayerSnapshot<'traffic'> => ({ layer: 'traffic', version, asOf: at, items: { a: r(10), b: r(20) } });
const delta = (baseVersion: number, upsert: LayerDelta<'traffic'>['upsert'] = { a: r(11) }, remove: string[] = []): LayerDelta<'traffic'> => ({
  layer: 'traffic',
  baseVersion,
  version: baseVersion + 1,
  asOf: at,
  upsert,
  remove,
});

describe('stepping the cached snapshot with a delta', () => {
  it('applies a delta that names the cached version', () => {
    const step = stepDelta(snap(4), delta(4, { a: r(11) }, ['b']));
    expect(step).toEqual({
      kind: 'applied',
      snapshot: { layer: 'traffic', version: 5, asOf: at, items: { a: r(11) }, changed: { since: 4, ids: ['a', 'b'] } },
    });
  });

  it('writes the delta into the cached items instead of copying them', () => {
    const cached = snap(4);
    const step = stepDelta(cached, delta(4, { c: r(30) }));
    expect(step.kind === 'applied' && step.snapshot.items).toBe(cached.items);
    expect(step.kind === 'applied' && step.snapshot).not.toBe(cached);
  });

  it('asks for a snapshot and changes nothing when an item cannot be made whole', () => {
    const cached = snap(4);
    const bad = { ...delta(4, { a: r(11), b: { speedKmh: 3, flowVph: 600, occupancy: 0.1 } }), asOf: null };
    expect(stepDelta(cached, bad)).toEqual({ kind: 'resync' });
    expect(cached).toEqual(snap(4));
  });

  it('asks for a snapshot when a delta skips versions', () => {
    expect(stepDelta(snap(4), delta(6))).toEqual({ kind: 'resync' });
  });

  it('asks for a snapshot when nothing is cached yet', () => {
    expect(stepDelta(undefined, delta(0))).toEqual({ kind: 'resync' });
  });

  it('skips a delta the cached snapshot already contains', () => {
    expect(stepDelta(snap(7), delta(5))).toEqual({ kind: 'ignored' });
    expect(stepDelta(snap(7), delta(6))).toEqual({ kind: 'ignored' });
  });

  it('leaves the cached snapshot untouched when it asks for a snapshot', () => {
    const cached = snap(4);
    stepDelta(cached, delta(5, { c: r(30) }, ['a']));
    expect(cached).toEqual(snap(4));
  });
});
