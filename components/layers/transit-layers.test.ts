import { describe, expect, it } from 'vitest';
import { iconAngle } from '@/lib/map/icons';
import { bus, transitNetwork } from './layer-fixtures';
import {
  busLayers,
  hexToRgba,
  routeColours,
  TRANSIT_BUS_ARROWS_LAYER_ID,
  TRANSIT_BUSES_LAYER_ID,
  transitNetworkLayers,
  UNKNOWN_ROUTE,
  type TransitLayersInput,
} from './transit-layers';

function input(over: Partial<TransitLayersInput> = {}): TransitLayersInput {
  const network = transitNetwork();
  return {
    network,
    colours: routeColours(network.routes),
    coloursKey: 'routes:1',
    buses: [
      { ...bus(90), id: 'V1' },
      { ...bus(200, 0, 'R9'), id: 'V2' },
    ],
    version: 3,
    visible: true,
    dimmed: false,
    beforeId: undefined,
    ...over,
  };
}

describe('transit layers', () => {
  it('read GTFS hex colours as opaque RGBA', () => {
    expect(hexToRgba('FF8000')).toEqual([255, 128, 0, 255]);
    expect(hexToRgba('0a0b0c')).toEqual([10, 11, 12, 255]);
  });

  it('turn each bus arrow to its bearing', () => {
    const arrows = busLayers(input()).find((l) => l.id === TRANSIT_BUS_ARROWS_LAYER_ID)!;
    const getAngle = (arrows.props as unknown as { getAngle: (b: { bearing: number }) => number }).getAngle;
    expect(getAngle({ bearing: 90 })).toBe(iconAngle(90));
    expect(getAngle({ bearing: 90 })).toBe(270);
  });

  it('colour buses by their route, and a route the feed lacks in neutral grey', () => {
    const discs = busLayers(input()).find((l) => l.id === TRANSIT_BUSES_LAYER_ID)!;
    const fill = (discs.props as unknown as { getFillColor: (b: { routeId: string }) => number[] }).getFillColor;
    expect(fill({ routeId: 'R1' })).toEqual([255, 0, 0, 255]);
    expect(fill({ routeId: 'R9' })).toEqual(UNKNOWN_ROUTE.fill);
  });

  it('move and turn buses on a new snapshot version', () => {
    const arrows = busLayers(input()).find((l) => l.id === TRANSIT_BUS_ARROWS_LAYER_ID)!;
    expect(arrows.props.updateTriggers).toMatchObject({ getAngle: 3, getPosition: 3 });
  });

  it('still draw live buses when the transit network is missing, but no routes or stops', () => {
    const i = input({ network: undefined, colours: new Map(), coloursKey: 'none' });
    for (const l of busLayers(i)) expect(l.props.visible).toBe(true);
    for (const l of transitNetworkLayers(i)) expect(l.props.visible).toBe(false);
  });

  it('hide buses, routes and stops when switched off, keeping their ids', () => {
    const on = [...transitNetworkLayers(input()), ...busLayers(input())];
    const off = [...transitNetworkLayers(input({ visible: false })), ...busLayers(input({ visible: false }))];
    expect(off.map((l) => l.id)).toEqual(on.map((l) => l.id));
    for (const l of off) expect(l.props.visible).toBe(false);
  });
});
