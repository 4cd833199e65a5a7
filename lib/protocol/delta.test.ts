import { describe, expect, it } from 'vitest';
import { advanceSnapshot, applyDelta, diffSnapshot } from './delta';
import type { LayerDelta, LayerSnapshot } from './socket';

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
    const delta = diffSnapshot(prev, { a: r(15), b: r(20) }, prev.asOf)!;
    expect(Object.keys(delta.upsert)).toEqual(['a']);
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

  it('leaves out an observedAt equal to the delta asOf', () => {
    const prev = snap(1, { a: r(10) });
    const delta = diffSnapshot(prev, { a: r(15, '2026-11-23T08:00:20.000Z') }, '2026-11-23T08:00:20.000Z')!;
    expect(delta.upsert).toEqual({ a: { speedKmh: 15, flowVph: 600, occupancy: 0.1 } });
  });

  it('keeps an observedAt that differs from the delta asOf', () => {
    const prev = snap(1, { a: r(10) });
    const delta = diffSnapshot(prev, { a: r(15, '2026-11-23T08:00:15.000Z') }, '2026-11-23T08:00:20.000Z')!;
    expect(delta.upsert.a).toEqual(r(15, '2026-11-23T08:00:15.000Z'));
  });

  it('fills a left-out observedAt back in from the delta asOf on apply', () => {
    const prev = snap(1, { a: r(10) });
    const delta = diffSnapshot(prev, { a: r(15, '2026-11-23T08:00:20.000Z') }, '2026-11-23T08:00:20.000Z')!;
    expect(applyDelta(prev, delta).items.a).toEqual(r(15, '2026-11-23T08:00:20.000Z'));
  });

  it('does not send a traffic reading that moved less than the dead-band, and the snapshot keeps the old one', () => {
    const prev = snap(1, { a: r(30), b: r(30) });
    const at = '2026-11-23T08:00:20.000Z';
    const delta = diffSnapshot(prev, { a: r(30.5, at), b: r(36, at) }, at)!;
    expect(Object.keys(delta.upsert)).toEqual(['b']);
    expect(applyDelta(prev, delta).items.a).toEqual(r(30));
  });

  it('sends every change when the dead-band is switched off', () => {
    const prev = snap(1, { a: r(30) });
    const at = '2026-11-23T08:00:20.000Z';
    expect(Object.keys(diffSnapshot(prev, { a: r(30.1, at) }, at, { deadBand: null })!.upsert)).toEqual(['a']);
  });

  it('sends whole incidents, which have no observedAt', () => {
    const incident = {
      kind: 'crash' as const,
      severity: 'high' as const,
      segmentId: 's1',
      location: [13.4, 52.5] as [number, number],
      description: 'two cars',
      capacityFactor: 0.5,
      startedAt: '2026-11-23T08:00:20.000Z',
      endsAt: null,
    };
    const prev: LayerSnapshot<'incidents'> = { layer: 'incidents', version: 0, asOf: null, items: {} };
    const delta = diffSnapshot(prev, { i1: incident }, '2026-11-23T08:00:20.000Z')!;
    expect(applyDelta(prev, delta).items.i1).toEqual(incident);
  });
});

describe('advanceSnapshot (the browser cache: applied in place)', () => {
  const at = '2026-11-23T08:00:20.000Z';
  const delta = (baseVersion: number, upsert: LayerDelta<'traffic'>['upsert'], remove: string[] = []): LayerDelta<'traffic'> => ({
    layer: 'traffic',
    baseVersion,
    version: baseVersion + 1,
    asOf: at,
    upsert,
    remove,
  });

  it('gives the same items as applyDelta, at the delta version', () => {
    const prev = snap(4, { a: r(10), b: r(20), c: r(30) });
    const nextItems = { a: r(10), b: r(25, at), d: r(50, at) };
    const d = diffSnapshot(prev, nextItems, at)!;
    const copied = applyDelta(prev, d);
    expect(advanceSnapshot(prev, d).snapshot).toEqual(copied);
  });

  it('writes into the items object it was given instead of copying it', () => {
    const prev = snap(1, { a: r(10), b: r(20) });
    const { snapshot } = advanceSnapshot(prev, delta(1, { a: { speedKmh: 12, flowVph: 600, occupancy: 0.1 } }));
    expect(snapshot.items).toBe(prev.items);
    expect(snapshot).not.toBe(prev);
    expect(snapshot.items.b).toBe(prev.items.b);
  });

  it('names the upserted and the removed ids as changed', () => {
    const prev = snap(1, { a: r(10), b: r(20), c: r(30) });
    const { changed } = advanceSnapshot(prev, delta(1, { a: r(11), d: r(40) }, ['c']));
    expect(changed.sort()).toEqual(['a', 'c', 'd']);
  });

  it('names an id both upserted and removed once, and removes it', () => {
    const prev = snap(1, { a: r(10) });
    const { snapshot, changed } = advanceSnapshot(prev, delta(1, { a: r(11) }, ['a']));
    expect(changed).toEqual(['a']);
    expect(snapshot.items).toEqual({});
  });

  it('does not name a removed id the snapshot never had', () => {
    const prev = snap(1, { a: r(10) });
    expect(advanceSnapshot(prev, delta(1, {}, ['zz'])).changed).toEqual([]);
  });

  it('fills a left-out observedAt back in from the delta asOf', () => {
    const prev = snap(1, { a: r(10) });
    const { snapshot } = advanceSnapshot(prev, delta(1, { a: { speedKmh: 12, flowVph: 600, occupancy: 0.1 } }));
    expect(snapshot.items.a).toEqual(r(12, at));
  });

  it('takes the delta items themselves rather than copies', () => {
    const prev = snap(1, { a: r(10) });
    const item = { speedKmh: 12, flowVph: 600, occupancy: 0.1 };
    expect(advanceSnapshot(prev, delta(1, { a: item })).snapshot.items.a).toBe(item);
  });

  it('keeps an observedAt that differs from the delta asOf', () => {
    const prev = snap(1, { a: r(10) });
    const { snapshot } = advanceSnapshot(prev, delta(1, { a: r(12, '2026-11-23T08:00:15.000Z') }));
    expect(snapshot.items.a.observedAt).toBe('2026-11-23T08:00:15.000Z');
  });

  it('refuses a delta meant for another version and changes nothing', () => {
    const prev = snap(2, { a: r(10) });
    expect(() => advanceSnapshot(prev, delta(1, { a: r(11) }))).toThrow(/version 1/);
    expect(prev).toEqual(snap(2, { a: r(10) }));
  });

  it('changes nothing when an item cannot be made whole', () => {
    const prev = snap(1, { a: r(10), b: r(20) });
    const bad = { ...delta(1, { a: r(11), b: { speedKmh: 1, flowVph: 600, occupancy: 0.1 } }, ['a']), asOf: null };
    expect(() => advanceSnapshot(prev, bad)).toThrow(/observedAt/);
    expect(prev).toEqual(snap(1, { a: r(10), b: r(20) }));
  });
});
