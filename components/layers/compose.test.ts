import { describe, expect, it } from 'vitest';
import { AIR_STATIONS_LAYER_ID, AIR_SURFACE_LAYER_ID } from './air-layers';
import { cityLayers, featureOf, pickableLayerIds, type CityLayersInput } from './compose';
import { GRID_FEEDERS_LAYER_ID } from './grid-layers';
import { INCIDENTS_LAYER_ID } from './incident-layers';
import { SELECTION_POINT_LAYER_ID } from './selection-layers';
import { buildPathGeometry } from '@/lib/map/path-buffers';
import { TRAFFIC_LAYER_ID, trafficData } from './traffic-layers';
import { TRANSIT_BUSES_LAYER_ID } from './transit-layers';

const segments = () => [
  { id: 's1', name: 'High St', roadClass: 'primary' as const, lanes: 2, freeFlowKmh: 50, capacityVph: 1800, lengthM: 100, path: [[0, 0], [0.001, 0]] as [number, number][] },
];
const binary = () => {
  const g = buildPathGeometry(segments());
  return trafficData(g, new Float32Array(g.vertexCount), new Uint8Array(g.vertexCount * 4));
};

function input(over: Partial<CityLayersInput> = {}): CityLayersInput {
  const off = { visible: false, dimmed: false, beforeId: undefined, version: 0 };
  return {
    beforeId: undefined,
    selection: null,
    traffic: {
      segments: segments(),
      data: binary(),
      colourKey: 'live:0',
      beforeId: undefined,
      dimmed: false,
      selectedIndex: -1,
      visible: true,
    },
    grid: { ...off, network: undefined, items: {}, overloaded: [], largestLoadKw: 0 },
    air: { ...off, stations: [], surface: null, surfaceVisible: true },
    transit: { ...off, network: undefined, colours: new Map(), coloursKey: 'none', buses: [] },
    incidents: { ...off, incidents: [] },
    ...over,
  };
}

describe('the composed city layers', () => {
  it('draw the air surface first, under traffic, and incidents and the selection last', () => {
    const ids = cityLayers(input()).map((l) => l.id);
    const pos = (id: string) => ids.indexOf(id);
    expect(pos(AIR_SURFACE_LAYER_ID)).toBe(0);
    expect(pos(AIR_SURFACE_LAYER_ID)).toBeLessThan(pos(TRAFFIC_LAYER_ID));
    expect(pos(TRAFFIC_LAYER_ID)).toBeLessThan(pos(GRID_FEEDERS_LAYER_ID));
    expect(pos(AIR_STATIONS_LAYER_ID)).toBeLessThan(pos(TRANSIT_BUSES_LAYER_ID));
    expect(pos(TRANSIT_BUSES_LAYER_ID)).toBeLessThan(pos(INCIDENTS_LAYER_ID));
    expect(ids.at(-1)).toBe(SELECTION_POINT_LAYER_ID);
  });

  it('have unique ids, the same ones whatever is switched on', () => {
    const ids = cityLayers(input()).map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    const allOff = input();
    allOff.traffic = { ...allOff.traffic!, visible: false };
    expect(cityLayers(allOff).map((l) => l.id)).toEqual(ids);
  });

  it('make every selectable layer pickable', () => {
    const layers = cityLayers(input());
    for (const id of pickableLayerIds) expect(layers.find((l) => l.id === id)?.props.pickable, id).toBe(true);
  });
});

describe('what a pick landed on', () => {
  const layer = (id: string) => ({ id }) as never;

  it('names the kind by the layer and the id by the object', () => {
    expect(featureOf({ picked: true, layer: layer(TRANSIT_BUSES_LAYER_ID), object: { id: 'V1' } })).toEqual({ kind: 'bus', id: 'V1' });
  });

  it('names a traffic segment by the picked index into the binary network', () => {
    const traffic = { id: TRAFFIC_LAYER_ID, props: { data: binary() } } as never;
    expect(featureOf({ picked: true, layer: traffic, object: undefined, index: 0 })).toEqual({ kind: 'segment', id: 's1' });
    expect(featureOf({ picked: true, layer: traffic, object: undefined, index: 5 })).toBeNull();
  });

  it('is nothing for a miss or a layer nobody selects', () => {
    expect(featureOf({ picked: false, layer: null, object: undefined })).toBeNull();
    expect(featureOf({ picked: true, layer: layer(AIR_SURFACE_LAYER_ID), object: {} })).toBeNull();
    expect(featureOf(null)).toBeNull();
  });
});
