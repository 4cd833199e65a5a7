import { describe, expect, it } from 'vitest';
import { aqiLevelStyle } from './aqi-palette';
import { buildAirSurface, surfaceColour, SURFACE_PX } from './air-surface';

const station = (lon: number, lat: number, aqi: number) => ({ location: [lon, lat] as const, aqi });

describe('the air-quality surface', () => {
  it('needs at least two stations', () => {
    expect(buildAirSurface([])).toBeNull();
    expect(buildAirSurface([station(10, 50, 40)])).toBeNull();
  });

  it('covers the stations with a margin and keeps the long side at the set size', () => {
    const s = buildAirSurface([station(10, 50, 40), station(10.1, 50.02, 90)])!;
    expect(s.bounds[0]).toBeLessThan(10);
    expect(s.bounds[2]).toBeGreaterThan(10.1);
    expect(s.width).toBe(SURFACE_PX);
    expect(s.height).toBeLessThan(SURFACE_PX);
    expect(s.pixels.length).toBe(s.width * s.height * 4);
  });

  it('colours cells in the level colour of the interpolated value, translucent', () => {
    const s = buildAirSurface([station(10, 50, 10), station(10.02, 50, 20)])!;
    const good = aqiLevelStyle(1).rgb;
    const centre = ((s.height >> 1) * s.width + (s.width >> 1)) * 4;
    expect([...s.pixels.slice(centre, centre + 3)]).toEqual([...good]);
    expect(s.pixels[centre + 3]).toBeGreaterThan(0);
    expect(s.pixels[centre + 3]).toBeLessThan(255);
  });

  it('shows a polluted station as a patch of its level amid cleaner air', () => {
    const s = buildAirSurface([station(10, 50, 20), station(10.05, 50, 250), station(10.1, 50, 20)])!;
    const colours = new Set<string>();
    for (let i = 0; i < s.pixels.length; i += 4) if (s.pixels[i + 3] > 0) colours.add(s.pixels.slice(i, i + 3).join(','));
    expect(colours.has(aqiLevelStyle(1).rgb.join(','))).toBe(true);
    expect(colours.size).toBeGreaterThan(20);
  });
});

describe('surface colours', () => {
  it('are exactly the legend colour in the middle of each band', () => {
    expect(surfaceColour(75)).toEqual(aqiLevelStyle(2).rgb);
    expect(surfaceColour(250)).toEqual(aqiLevelStyle(5).rgb);
    expect(surfaceColour(0)).toEqual(aqiLevelStyle(1).rgb);
    expect(surfaceColour(900)).toEqual(aqiLevelStyle(6).rgb);
  });

  it('blend halfway between neighbouring levels at a band edge', () => {
    const [a, b] = [aqiLevelStyle(1).rgb, aqiLevelStyle(2).rgb];
    expect(surfaceColour(50)).toEqual([0, 1, 2].map((k) => Math.round((a[k] + b[k]) / 2)));
  });
});
