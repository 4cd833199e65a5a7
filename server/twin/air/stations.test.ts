import { describe, expect, it } from 'vitest';
import { generateCity } from '../city';
import { closestOnPath, MIN_STATIONS, placeStations } from './stations';

const city = generateCity({ seed: 5, size: 1200 });

describe('the air-quality stations', () => {
  it(`number at least ${MIN_STATIONS}, with unique ids and names`, () => {
    const stations = placeStations(city, 5);
    expect(stations.length).toBeGreaterThanOrEqual(MIN_STATIONS);
    expect(new Set(stations.map((s) => s.id)).size).toBe(stations.length);
    expect(new Set(stations.map((s) => s.name)).size).toBe(stations.length);
  });

  it('stand inside the town, spread over all four quarters', () => {
    const stations = placeStations(city, 5);
    const { minX, maxX, minY, maxY } = city.extent;
    for (const s of stations) {
      expect(s.x).toBeGreaterThan(minX);
      expect(s.x).toBeLessThan(maxX);
      expect(s.y).toBeGreaterThan(minY);
      expect(s.y).toBeLessThan(maxY);
    }
    const quarters = new Set(stations.map((s) => `${Math.sign(s.x)},${Math.sign(s.y)}`));
    expect(quarters.size).toBe(4);
  });

  it('put traffic stations at the kerb of a main road and background stations back from a local street', () => {
    const stations = placeStations(city, 5);
    expect(stations.some((s) => s.kind === 'traffic')).toBe(true);
    expect(stations.some((s) => s.kind === 'background')).toBe(true);
    for (const s of stations) {
      const seg = city.segments[s.segment];
      const d = closestOnPath(seg.xy, [s.x, s.y]).distance;
      if (s.kind === 'traffic') {
        expect(seg.roadClass).not.toBe('residential');
        expect(d).toBeLessThan(12);
      } else {
        expect(seg.roadClass).toBe('residential');
        expect(d).toBeGreaterThan(40);
      }
    }
  });

  it('are named after the street they stand on', () => {
    for (const s of placeStations(city, 5)) expect(s.name.startsWith(city.segments[s.segment].name)).toBe(true);
  });

  it('are placed the same way for the same seed, and differently for another', () => {
    expect(placeStations(city, 5)).toEqual(placeStations(city, 5));
    expect(placeStations(city, 6).map((s) => s.name)).not.toEqual(placeStations(city, 5).map((s) => s.name));
  });
});
