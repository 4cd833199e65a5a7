import { describe, expect, it } from 'vitest';
import type { LayerDelta, LayerSnapshot } from '@/lib/protocol/socket';
import { areaKeyOf, deltaInArea, ItemLocator, rangeOfKey, snapshotInArea, tilesOfArea } from './areas';

const bus = (lon: number, lat: number) => ({
  routeId: 'r1',
  tripId: 't1',
  location: [lon, lat] as [number, number],
  bearing: 90,
  delayS: 0,
  nextStopId: null,
  status: 'IN_TRANSIT_TO' as const,
  observedAt: '2026-11-23T08:00:00.000Z',
});
const west = tilesOfArea({ west: 8.79, south: 51.09, east: 8.81, north: 51.11 });
const snap: LayerSnapshot<'transit'> = { layer: 'transit', version: 3, asOf: null, items: { a: bus(8.8, 51.1), b: bus(8.95, 51.1) } };

describe('area subscriptions', () => {
  it('round an area out to tiles and back through its room key', () => {
    expect(west).not.toBeNull();
    expect(rangeOfKey(areaKeyOf(west))).toEqual(west);
    expect(areaKeyOf(null)).toBe('all');
  });

  it('treat an area as large as a country as the whole city', () => {
    expect(tilesOfArea({ west: -10, south: 40, east: 20, north: 60 })).toBeNull();
  });

  it('keep only the items inside the area in a snapshot, at the same version', () => {
    const s = snapshotInArea(snap, west, new ItemLocator());
    expect(Object.keys(s.items)).toEqual(['a']);
    expect(s.version).toBe(3);
  });

  it('remove an item from the area once it moves out of it', () => {
    const delta: LayerDelta<'transit'> = { layer: 'transit', baseVersion: 3, version: 4, asOf: null, upsert: { a: bus(8.95, 51.1) }, remove: [] };
    expect(deltaInArea(delta, snap, west, new ItemLocator())).toMatchObject({ upsert: {}, remove: ['a'], version: 4 });
  });

  it('send an item that moves into the area whole', () => {
    const delta: LayerDelta<'transit'> = { layer: 'transit', baseVersion: 3, version: 4, asOf: null, upsert: { b: bus(8.8, 51.1) }, remove: [] };
    expect(deltaInArea(delta, snap, west, new ItemLocator()).upsert).toEqual({ b: bus(8.8, 51.1) });
  });

  it('keep an item it cannot place in every area rather than lose it', () => {
    const reading = { speedKmh: 30, flowVph: 100, occupancy: 0.1, observedAt: '2026-11-23T08:00:00.000Z' };
    const traffic: LayerSnapshot<'traffic'> = { layer: 'traffic', version: 1, asOf: null, items: { s1: reading } };
    expect(Object.keys(snapshotInArea(traffic, west, new ItemLocator()).items)).toEqual(['s1']);
  });
});
