import { describe, expect, it } from 'vitest';
import {
  averageSpeed,
  congestedShare,
  congestionIndex,
  loadFactor,
  renewableShare,
  resolvePeriod,
  stepsOf,
  travelTimeIndex,
  WHO_PM25_24H_UGM3,
} from './kpi';

describe('traffic KPIs', () => {
  it('gives a travel time index of actual over free-flow vehicle-hours', () => {
    expect(travelTimeIndex(130, 100)).toBeCloseTo(1.3);
  });
  it('has no travel time index without free-flow time', () => {
    expect(travelTimeIndex(10, 0)).toBeNull();
  });
  it('gives a congestion index of the extra time over free flow, never negative', () => {
    expect(congestionIndex(130, 100)).toBeCloseTo(0.3);
    expect(congestionIndex(90, 100)).toBe(0);
  });
  it('gives the space-mean speed as vehicle-km over vehicle-hours', () => {
    expect(averageSpeed(500, 10)).toBe(50);
  });
  it('gives the congested share of vehicle-km', () => {
    expect(congestedShare(25, 100)).toBe(0.25);
  });
});

describe('energy KPIs', () => {
  it('gives the load factor as mean over peak', () => {
    expect(loadFactor(600, 1000)).toBe(0.6);
  });
  it('counts solar against gross demand, not net load', () => {
    expect(renewableShare(200, 800)).toBe(0.2);
  });
});

describe('air KPIs', () => {
  it('uses the WHO 2021 PM2.5 24-hour guideline of 15 µg/m³', () => {
    expect(WHO_PM25_24H_UGM3).toBe(15);
  });
});

describe('resolvePeriod', () => {
  const newest = Date.parse('2026-03-10T12:34:00Z');
  it('ends a day range at the newest data rounded up to the hour', () => {
    const p = resolvePeriod({ range: 'day' }, newest);
    expect(p.to.toISOString()).toBe('2026-03-10T13:00:00.000Z');
    expect(p.from.toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(p.step).toBe('hour');
  });
  it('puts the previous period just before, as long', () => {
    const p = resolvePeriod({ range: 'week', end: '2026-03-10T00:00:00Z' }, newest);
    expect(p.previousFrom.toISOString()).toBe('2026-02-24T00:00:00.000Z');
  });
  it('steps a month by day', () => {
    expect(resolvePeriod({ range: 'month' }, newest).step).toBe('day');
  });
  it('takes a custom range as given, widened to whole hours', () => {
    const p = resolvePeriod({ range: 'custom', from: '2026-03-01T10:20:00Z', to: '2026-03-02T10:20:00Z' }, newest);
    expect(p.from.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(p.to.toISOString()).toBe('2026-03-02T11:00:00.000Z');
  });
  it('lists one step per hour of a day', () => {
    expect(stepsOf(resolvePeriod({ range: 'day' }, newest))).toHaveLength(24);
  });
});
