import { describe, expect, it } from 'vitest';
import { gridNoDataRgb, utilisationBand } from '@/lib/map/grid-colours';
import type { GridItem } from '@/lib/protocol/grid';
import { feederItem, gridNetwork, substationItem } from './layer-fixtures';
import {
  GRID_BATTERIES_LAYER_ID,
  GRID_FEEDERS_LAYER_ID,
  GRID_OVERLOAD_LAYER_ID,
  GRID_SUBSTATIONS_LAYER_ID,
  gridColour,
  gridLayers,
  largestSubstationLoad,
  overloadedFeeders,
  type GridLayersInput,
} from './grid-layers';

function input(over: Partial<GridLayersInput> = {}): GridLayersInput {
  const network = gridNetwork();
  const items: Record<string, GridItem> = { F1: feederItem(0.3), F2: feederItem(1.3), S1: substationItem(4000), S2: substationItem(1000) };
  return {
    network,
    items,
    overloaded: overloadedFeeders(network.feeders, items),
    largestLoadKw: largestSubstationLoad(items),
    version: 7,
    visible: true,
    dimmed: false,
    beforeId: 'labels',
    ...over,
  };
}
const byId = (layers: ReturnType<typeof gridLayers>, id: string) => layers.find((l) => l.id === id)!;

describe('grid layers', () => {
  it('keep the same four layer ids whether shown or hidden', () => {
    const ids = (v: boolean) => gridLayers(input({ visible: v })).map((l) => l.id);
    expect(ids(true)).toEqual([GRID_OVERLOAD_LAYER_ID, GRID_FEEDERS_LAYER_ID, GRID_SUBSTATIONS_LAYER_ID, GRID_BATTERIES_LAYER_ID]);
    expect(ids(false)).toEqual(ids(true));
  });

  it('hide every layer with visible: false when switched off', () => {
    for (const l of gridLayers(input({ visible: false }))) expect(l.props.visible).toBe(false);
  });

  it('stay hidden until the grid network has arrived, even when switched on', () => {
    for (const l of gridLayers(input({ network: undefined }))) expect(l.props.visible).toBe(false);
  });

  it('colour feeders by utilisation band, and grey without a reading', () => {
    const items = input().items;
    expect(gridColour(items, 'F1').slice(0, 3)).toEqual([...utilisationBand(0.3).rgb]);
    expect(gridColour(items, 'F2').slice(0, 3)).toEqual([...utilisationBand(1.3).rgb]);
    expect(gridColour(items, 'nope').slice(0, 3)).toEqual([...gridNoDataRgb]);
  });

  it('draw the dashed halo only around overloaded feeders', () => {
    const halo = byId(gridLayers(input()), GRID_OVERLOAD_LAYER_ID);
    expect((halo.props.data as { id: string }[]).map((f) => f.id)).toEqual(['F2']);
    expect(halo.props.visible).toBe(true);
    const calm = input({ overloaded: [] });
    expect(byId(gridLayers(calm), GRID_OVERLOAD_LAYER_ID).props.visible).toBe(false);
  });

  it('recolour and resize on a new snapshot version only', () => {
    const feeders = byId(gridLayers(input()), GRID_FEEDERS_LAYER_ID);
    const subs = byId(gridLayers(input()), GRID_SUBSTATIONS_LAYER_ID);
    expect(feeders.props.updateTriggers).toEqual({ getColor: 7, getWidth: 7 });
    expect(subs.props.updateTriggers).toEqual({ getRadius: 7, getFillColor: 7 });
  });

  it('size the most loaded substation largest', () => {
    const subs = byId(gridLayers(input()), GRID_SUBSTATIONS_LAYER_ID);
    const getRadius = (subs.props as unknown as { getRadius: (s: { id: string }) => number }).getRadius;
    expect(getRadius({ id: 'S1' })).toBeGreaterThan(getRadius({ id: 'S2' }));
  });

  it('place all layers under the basemap labels', () => {
    for (const l of gridLayers(input())) expect((l.props as { beforeId?: string }).beforeId).toBe('labels');
  });

  it('fade when the grid data is stale', () => {
    for (const l of gridLayers(input({ dimmed: true }))) expect(l.props.opacity).toBeLessThan(1);
  });
});
