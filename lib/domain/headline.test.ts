import { describe, expect, it } from 'vitest';
import type { GridItem } from '../protocol/grid';
import type { Vehicle } from '../protocol/transit';
import { busesLate, gridFigures, trafficFigures, worstAir } from './headline';

const at = '2026-11-23T08:00:00.000Z';
const segs = new Map([
  ['a', { lengthM: 1000, freeFlowKmh: 50 }],
  ['b', { lengthM: 1000, freeFlowKmh: 50 }],
]);
const r = (speedKmh: number, flowVph: number) => ({ speedKmh, flowVph, occupancy: 0.1, observedAt: at });

describe('the traffic headline figures', () => {
  it('give the space-mean speed: vehicle-km over vehicle-hours', () => {
    // 1000 veh × 1 km at 50 km/h = 20 h; at 25 km/h = 40 h: 2000 veh-km / 60 h.
    expect(trafficFigures({ a: r(50, 1000), b: r(25, 1000) }, segs)?.speedKmh).toBeCloseTo(2000 / 60);
  });

  it('give the congestion index as extra travel time over free flow', () => {
    expect(trafficFigures({ a: r(50, 1000), b: r(25, 1000) }, segs)?.congestionPct).toBeCloseTo(50);
  });

  it('weigh segments by length when nothing flows', () => {
    expect(trafficFigures({ a: r(50, 0), b: r(50, 0) }, segs)?.speedKmh).toBeCloseTo(50);
  });

  it('are absent before any reading of a known segment', () => {
    expect(trafficFigures({ zz: r(50, 10) }, segs)).toBeNull();
  });
});

describe('the grid headline figure', () => {
  const sub = (loadKw: number, capacityKw: number): GridItem => ({ kind: 'substation', loadKw, capacityKw, utilisation: loadKw / capacityKw, observedAt: at });
  const feeder = (loadKw: number, capacityKw: number): GridItem => ({ kind: 'feeder', loadKw, capacityKw, utilisation: loadKw / capacityKw, solarKw: 0, evKw: 0, observedAt: at });

  it('sums the substations, not the feeders they serve too', () => {
    const g = gridFigures({ s1: sub(6000, 10_000), s2: sub(2000, 10_000), f1: feeder(6000, 8000) });
    expect(g).toMatchObject({ loadKw: 8000, capacityKw: 20_000, utilisation: 0.4 });
  });

  it('counts the feeders over 90 % of capacity', () => {
    expect(gridFigures({ f1: feeder(950, 1000), f2: feeder(500, 1000) })?.feedersOver90).toBe(1);
  });
});

describe('the worst AQI', () => {
  it('is the highest station with its name', () => {
    const st = (name: string, aqi: number) => ({ name, location: [0, 0] as [number, number], pm25: 0, pm10: 0, no2: 0, o3: 0, co: 0, aqi, aqiLevel: 2, aqiStandard: 'us-epa' as const, dominant: 'pm25' as const, observedAt: at });
    expect(worstAir({ x: st('Park', 40), y: st('Harbour', 90) })).toMatchObject({ aqi: 90, station: 'Harbour' });
  });
});

describe('buses late', () => {
  const v = (delayS: number): Vehicle => ({ routeId: 'r', tripId: 't', location: [0, 0], bearing: 0, delayS, nextStopId: null, status: 'IN_TRANSIT_TO', observedAt: at });

  it('counts buses more than five minutes behind', () => {
    expect(busesLate({ a: v(301), b: v(300), c: v(-60), d: v(900) })).toEqual({ late: 2, buses: 4, share: 0.5 });
  });

  it('is absent with no buses', () => {
    expect(busesLate({})).toBeNull();
  });
});
