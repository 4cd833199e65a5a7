import { describe, expect, it } from 'vitest';
import type { AirReading } from '../protocol/air';
import type { GridItem } from '../protocol/grid';
import type { ReplayFrames } from '../protocol/replay';
import { airWithConcentrations, concentrationsOf, frameColumn, gridWithLoads, medianOf } from './time-shifted-state';

const at = '2026-11-24T18:00:00.000Z';
const q = (p50: number) => ({ p10: p50 * 0.8, p50, p90: p50 * 1.2 });
const before = '2026-11-24T12:00:00.000Z';

const station: AirReading = {
  name: 'Mill Square',
  location: [9.9, 51.5],
  pm25: 5,
  pm10: 10,
  no2: 10,
  o3: 20,
  co: 0.2,
  aqi: 21,
  aqiLevel: 1,
  aqiStandard: 'us-epa',
  dominant: 'pm25',
  observedAt: before,
};

describe('the city at another time on the map', () => {
  it('puts the forecast median load on feeders and substations, with utilisation against capacity', () => {
    const items: Record<string, GridItem> = {
      f1: { kind: 'feeder', loadKw: 1000, capacityKw: 2000, utilisation: 0.5, solarKw: 0, evKw: 0, observedAt: before },
      s1: { kind: 'substation', loadKw: 9000, capacityKw: 10000, utilisation: 0.9, observedAt: before },
    };
    const out = gridWithLoads(items, medianOf({ f1: q(2100), s1: q(9500) }), at);
    expect(out.f1).toMatchObject({ loadKw: 2100, utilisation: 1.05, observedAt: at });
    expect(out.s1).toMatchObject({ loadKw: 9500, utilisation: 0.95 });
  });

  it('leaves batteries and assets with no value at that time as they are', () => {
    const battery: GridItem = { kind: 'battery', powerKw: 50, stateOfCharge: 0.6, observedAt: before };
    const feeder: GridItem = { kind: 'feeder', loadKw: 10, capacityKw: 20, utilisation: 0.5, solarKw: 0, evKw: 0, observedAt: before };
    const out = gridWithLoads({ b1: battery, f9: feeder }, medianOf({ b1: q(1) }), at);
    expect(out.b1).toBe(battery);
    expect(out.f9).toBe(feeder);
  });

  it('recomputes a station’s AQI from the PM2.5, NO2 and O3 of that time under its standard', () => {
    const out = airWithConcentrations({ a1: station }, concentrationsOf(medianOf({ a1: q(40) }), medianOf({ a1: q(30) }), medianOf({ a1: q(50) })), at);
    // US EPA: 40 µg/m³ PM2.5 (24-hour table) is index 112, "Unhealthy for Sensitive Groups".
    expect(out.a1).toMatchObject({ pm25: 40, no2: 30, o3: 50, aqi: 112, aqiLevel: 3, dominant: 'pm25', pm10: 10, observedAt: at });
  });

  it('reads a replay frame’s column by id and leaves a station live where one pollutant is missing', () => {
    const frames: ReplayFrames = {
      layer: 'air',
      start: before,
      stepSeconds: 300,
      steps: 2,
      ids: ['a1', 'a2'],
      columns: { pm25: [1, 2, 3, 4], no2: [5, 6, 7, null], o3: [9, 10, 11, 12] },
    };
    const pm25 = frameColumn(frames, 'pm25', 1);
    expect([pm25('a1'), pm25('a2'), pm25('zz')]).toEqual([3, 4, undefined]);
    const conc = concentrationsOf(pm25, frameColumn(frames, 'no2', 1), frameColumn(frames, 'o3', 1));
    expect(conc('a1')).toEqual({ pm25: 3, no2: 7, o3: 11 });
    expect(conc('a2')).toBeUndefined();
    const out = airWithConcentrations({ a2: station }, conc, at);
    expect(out.a2).toBe(station);
  });
});
