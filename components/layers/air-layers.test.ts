import { describe, expect, it } from 'vitest';
import { aqiLevelStyle } from '@/lib/map/aqi-palette';
import { AIR_STATIONS_LAYER_ID, AIR_SURFACE_LAYER_ID, airStationLayers, airSurfaceLayers, stationColour, type AirLayersInput } from './air-layers';
import { airReading } from './layer-fixtures';

const fakeImage = { width: 2, height: 2, data: new Uint8ClampedArray(16) } as unknown as ImageData;

function input(over: Partial<AirLayersInput> = {}): AirLayersInput {
  return {
    stations: [{ ...airReading('Park', 30, 1), id: 'A1' }],
    surface: { image: fakeImage, bounds: [10, 49.9, 10.1, 50] },
    version: 5,
    visible: true,
    surfaceVisible: true,
    dimmed: false,
    beforeId: undefined,
    ...over,
  };
}

describe('air-quality layers', () => {
  it('colour stations by their AQI level', () => {
    expect(stationColour({ aqiLevel: 4 }).slice(0, 3)).toEqual([...aqiLevelStyle(4).rgb]);
  });

  it('recolour stations on a new snapshot version', () => {
    const [stations] = airStationLayers(input());
    expect(stations.id).toBe(AIR_STATIONS_LAYER_ID);
    expect(stations.props.updateTriggers).toEqual({ getFillColor: 5 });
  });

  it('show the surface only when the layer and the surface are both on', () => {
    const shown = (over: Partial<AirLayersInput>) => airSurfaceLayers(input(over))[0].props.visible;
    expect(shown({})).toBe(true);
    expect(shown({ surfaceVisible: false })).toBe(false);
    expect(shown({ visible: false })).toBe(false);
    expect(shown({ surface: null })).toBe(false);
  });

  it('stretch the surface image over its bounds', () => {
    const [surface] = airSurfaceLayers(input());
    expect(surface.id).toBe(AIR_SURFACE_LAYER_ID);
    expect(surface.props.bounds).toEqual([10, 49.9, 10.1, 50]);
    expect(surface.props.image).toBe(fakeImage);
  });
});
