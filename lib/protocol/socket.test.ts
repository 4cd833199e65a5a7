import { describe, expect, it } from 'vitest';
import { issuesOf } from '../validation';
import { freshnessSchema, layerDeltaSchema, layerSnapshotSchema, subscribeRequestSchema } from './socket';

const reading = { speedKmh: 30, flowVph: 800, occupancy: 0.1, observedAt: '2026-11-23T08:00:10.000Z' };

describe('socket event schemas', () => {
  it('accept a subscription to a known layer', () => {
    expect(subscribeRequestSchema.safeParse({ layer: 'traffic' }).success).toBe(true);
  });

  it('reject a subscription to an unknown layer, naming the field', () => {
    const r = subscribeRequestSchema.safeParse({ layer: 'secret-ops' });
    expect(r.success).toBe(false);
    if (!r.success) expect(issuesOf(r.error)[0].path).toBe('layer');
  });

  it('reject a subscription that is not an object', () => {
    expect(subscribeRequestSchema.safeParse('traffic').success).toBe(false);
    expect(subscribeRequestSchema.safeParse(null).success).toBe(false);
  });

  it('accept a snapshot with readings', () => {
    expect(layerSnapshotSchema.safeParse({ layer: 'traffic', version: 3, asOf: reading.observedAt, items: { s1: reading } }).success).toBe(true);
  });

  it('reject a snapshot with a negative speed inside an item', () => {
    const r = layerSnapshotSchema.safeParse({ layer: 'traffic', version: 3, asOf: null, items: { s1: { ...reading, speedKmh: -4 } } });
    expect(r.success).toBe(false);
    if (!r.success) expect(issuesOf(r.error)[0].path).toBe('items.s1.speedKmh');
  });

  it('reject a delta that skips a version', () => {
    const r = layerDeltaSchema.safeParse({ layer: 'traffic', baseVersion: 3, version: 5, asOf: null, upsert: {}, remove: [] });
    expect(r.success).toBe(false);
    if (!r.success) expect(issuesOf(r.error)[0].path).toBe('version');
  });

  it('accept a delta item without observedAt when the delta has an asOf', () => {
    const { observedAt: _, ...bare } = reading;
    expect(layerDeltaSchema.safeParse({ layer: 'traffic', baseVersion: 3, version: 4, asOf: reading.observedAt, upsert: { s1: bare }, remove: [] }).success).toBe(true);
  });

  it('reject a delta item without observedAt when the delta has no asOf', () => {
    const { observedAt: _, ...bare } = reading;
    const r = layerDeltaSchema.safeParse({ layer: 'traffic', baseVersion: 3, version: 4, asOf: null, upsert: { s1: bare }, remove: [] });
    expect(r.success).toBe(false);
    if (!r.success) expect(issuesOf(r.error)[0].path).toBe('upsert');
  });

  it('reject freshness without a stale flag', () => {
    const r = freshnessSchema.safeParse({ layer: 'traffic', source: null, asOf: null, receivedAt: null, polledAt: null, reason: null, sentAt: reading.observedAt, pollIntervalMs: 2000 });
    expect(r.success).toBe(false);
    if (!r.success) expect(issuesOf(r.error)[0].path).toBe('stale');
  });
});
