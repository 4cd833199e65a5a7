import { describe, expect, it } from 'vitest';
import { applyDelta } from '@/lib/protocol/delta';
import type { TrafficReading } from '@/lib/protocol/traffic';
import { LayerState } from './layer-state';

const reading = (speedKmh: number, observedAt = '2026-11-23T08:00:10.000Z'): TrafficReading => ({
  speedKmh,
  flowVph: 900,
  occupancy: 0.12,
  observedAt,
});

describe('LayerState', () => {
  it('starts at version 0 with no items', () => {
    const s = new LayerState('traffic');
    expect(s.snapshot).toMatchObject({ layer: 'traffic', version: 0, asOf: null, items: {} });
  });

  it('turns the first state into a delta from version 0 to 1', () => {
    const s = new LayerState('traffic');
    const d = s.update({ source: 'city-twin', asOf: '2026-11-23T08:00:10.000Z', items: { a: reading(40) } });
    expect(d).toMatchObject({ baseVersion: 0, version: 1, upsert: { a: { speedKmh: 40 } }, remove: [] });
    expect(s.snapshot.version).toBe(1);
  });

  it('sends only the segments that changed', () => {
    const s = new LayerState('traffic');
    s.update({ source: 'x', asOf: '2026-11-23T08:00:10.000Z', items: { a: reading(40), b: reading(50) } });
    const d = s.update({
      source: 'x',
      asOf: '2026-11-23T08:00:20.000Z',
      items: { a: reading(40), b: reading(20, '2026-11-23T08:00:20.000Z') },
    });
    expect(Object.keys(d!.upsert)).toEqual(['b']);
  });

  it('produces no delta when nothing changed', () => {
    const s = new LayerState('traffic');
    const state = { source: 'x', asOf: '2026-11-23T08:00:10.000Z', items: { a: reading(40) } };
    s.update(state);
    expect(s.update(state)).toBeNull();
    expect(s.snapshot.version).toBe(1);
  });

  it('removes segments that disappeared from the state', () => {
    const s = new LayerState('traffic');
    s.update({ source: 'x', asOf: '2026-11-23T08:00:10.000Z', items: { a: reading(40), b: reading(50) } });
    const d = s.update({ source: 'x', asOf: '2026-11-23T08:00:10.000Z', items: { a: reading(40) } });
    expect(d!.remove).toEqual(['b']);
    expect(s.snapshot.items).not.toHaveProperty('b');
  });

  it('applying each delta to the previous snapshot gives the next snapshot', () => {
    const s = new LayerState('traffic');
    let client = s.snapshot;
    for (let step = 1; step <= 20; step++) {
      const t = new Date(Date.UTC(2026, 10, 23, 8, 0, step * 10)).toISOString();
      const items: Record<string, TrafficReading> = {};
      for (let i = 0; i < 30; i++) if ((i + step) % 7 !== 0) items[`s${i}`] = reading(((i * 13 + step * 7) % 90) + 5, t);
      const d = s.update({ source: 'x', asOf: t, items });
      if (d) client = applyDelta(client, d);
      expect(client).toEqual(s.snapshot);
    }
  });

  it('leaves a snapshot already handed out unchanged by later updates', () => {
    const s = new LayerState('traffic');
    s.update({ source: 'x', asOf: '2026-11-23T08:00:10.000Z', items: { a: reading(40) } });
    const handedOut = s.snapshot;
    s.update({ source: 'x', asOf: '2026-11-23T08:00:20.000Z', items: { a: reading(10, '2026-11-23T08:00:20.000Z') } });
    expect(handedOut.items.a.speedKmh).toBe(40);
    expect(handedOut.version).toBe(1);
  });
});
