import { describe, expect, it } from 'vitest';
import type { GridItem } from '../protocol/grid';
import { worstFeeders, worstSegments, worstStations } from './worst';

const at = '2026-11-24T08:00:00Z';

describe('worstSegments', () => {
  const segments = [
    { id: 'a', name: 'Ring Road', freeFlowKmh: 60 },
    { id: 'b', name: 'High Street', freeFlowKmh: 30 },
    { id: 'c', name: 'Quay', freeFlowKmh: 50 },
    { id: 'd', name: 'No reading', freeFlowKmh: 50 },
  ];

  it('ranks segments by speed against free flow, not by raw speed', () => {
    // Ring Road at 30 km/h is at half its free flow; High Street at 12 km/h is at 40%.
    const rows = worstSegments(segments, { a: { speedKmh: 30 }, b: { speedKmh: 12 }, c: { speedKmh: 45 } });
    expect(rows.map((r) => r.id)).toEqual(['b', 'a', 'c']);
  });

  it('leaves out segments that have no reading yet', () => {
    expect(worstSegments(segments, { a: { speedKmh: 30 } }).map((r) => r.id)).toEqual(['a']);
  });

  it('gives each row its ratio and congestion level', () => {
    const [row] = worstSegments(segments, { b: { speedKmh: 6 } });
    expect(row).toMatchObject({ name: 'High Street', speedKmh: 6, freeFlowKmh: 30, ratio: 0.2, level: 'severe' });
  });

  it('breaks ties by id so the order holds between updates', () => {
    const rows = worstSegments(segments, { c: { speedKmh: 25 }, a: { speedKmh: 30 } });
    expect(rows.map((r) => r.id)).toEqual(['a', 'c']);
  });

  it('keeps only the ten worst', () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ id: `s${String(i).padStart(2, '0')}`, name: `S${i}`, freeFlowKmh: 50 }));
    const readings = Object.fromEntries(many.map((s, i) => [s.id, { speedKmh: i + 1 }]));
    const rows = worstSegments(many, readings);
    expect(rows).toHaveLength(10);
    expect(rows[9].id).toBe('s09');
  });
});

describe('worstStations', () => {
  it('ranks stations by AQI, highest first', () => {
    const station = (name: string, aqi: number) => ({ name, aqi, aqiLevel: 1, aqiStandard: 'us-epa' as const });
    const rows = worstStations({ x: station('Park', 40), y: station('Port', 180), z: station('Centre', 95) });
    expect(rows.map((r) => r.name)).toEqual(['Port', 'Centre', 'Park']);
  });
});

describe('worstFeeders', () => {
  const feeder = (loadKw: number, capacityKw: number): GridItem => ({ kind: 'feeder', loadKw, capacityKw, utilisation: loadKw / capacityKw, solarKw: 0, evKw: 0, observedAt: at });

  it('ranks feeders by load against capacity, not by load', () => {
    const rows = worstFeeders(undefined, { big: feeder(4000, 8000), small: feeder(900, 1000) });
    expect(rows.map((r) => r.id)).toEqual(['small', 'big']);
  });

  it('ignores substations and batteries', () => {
    const items: Record<string, GridItem> = {
      f: feeder(100, 1000),
      s: { kind: 'substation', loadKw: 9000, capacityKw: 9000, utilisation: 1, observedAt: at },
      b: { kind: 'battery', powerKw: 50, stateOfCharge: 0.5, observedAt: at },
    };
    expect(worstFeeders(undefined, items).map((r) => r.id)).toEqual(['f']);
  });

  it('names feeders from the grid network and falls back to the id', () => {
    const rows = worstFeeders([{ id: 'f1', name: 'Harbour 11 kV' }], { f1: feeder(500, 1000), f2: feeder(100, 1000) });
    expect(rows.map((r) => r.name)).toEqual(['Harbour 11 kV', 'f2']);
  });
});
