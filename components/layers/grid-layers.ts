import { PathStyleExtension, type PathStyleExtensionProps } from '@deck.gl/extensions';
import { IconLayer, PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Rgb } from '@/lib/map/colour-vision';
import { batteryRgb, gridNoDataRgb, isOverloaded, substationRadiusPx, utilisationBand } from '@/lib/map/grid-colours';
import { iconAtlasUrl, iconMapping } from '@/lib/map/icons';
import type { Battery, Feeder, GridItem, GridNetwork, Substation } from '@/lib/protocol/grid';

export const GRID_OVERLOAD_LAYER_ID = 'grid-feeder-overload';
export const GRID_FEEDERS_LAYER_ID = 'grid-feeders';
export const GRID_SUBSTATIONS_LAYER_ID = 'grid-substations';
export const GRID_BATTERIES_LAYER_ID = 'grid-batteries';

const FEEDER_PX = 3;
const OVERLOAD_FEEDER_PX = 5;
const OVERLOAD_HALO_PX = 11;
const OUTLINE: [number, number, number, number] = [10, 14, 19, 255];

export interface GridLayersInput {
  /** The static grid, or undefined until /api/grid/network answers: nothing to draw without it. */
  network: GridNetwork | undefined;
  /** Live state by asset id (grid layer snapshot items). */
  items: Readonly<Record<string, GridItem>>;
  /** Feeders over their rating now (from overloadedFeeders), memoised by version. */
  overloaded: readonly Feeder[];
  /** Largest substation load now, to size markers against. */
  largestLoadKw: number;
  /** Changes with every change of the items (live version, and the timeline's time when shifted). */
  version: number | string;
  visible: boolean;
  dimmed: boolean;
  beforeId: string | undefined;
}

type Placement = { beforeId?: string };
const rgba = (c: Rgb, a = 255): [number, number, number, number] => [c[0], c[1], c[2], a];

/** Utilisation of a feeder or substation now, or null without a reading of that kind. */
export function utilisationOf(items: Readonly<Record<string, GridItem>>, id: string): number | null {
  const item = items[id];
  return item && item.kind !== 'battery' ? item.utilisation : null;
}

export function gridColour(items: Readonly<Record<string, GridItem>>, id: string): [number, number, number, number] {
  const u = utilisationOf(items, id);
  return rgba(u === null ? gridNoDataRgb : utilisationBand(u).rgb);
}

/** Feeders over their rating in this snapshot. */
export function overloadedFeeders(feeders: readonly Feeder[], items: Readonly<Record<string, GridItem>>): Feeder[] {
  return feeders.filter((f) => {
    const u = utilisationOf(items, f.id);
    return u !== null && isOverloaded(u);
  });
}

/** The largest substation load in this snapshot (0 without any). */
export function largestSubstationLoad(items: Readonly<Record<string, GridItem>>): number {
  let max = 0;
  for (const item of Object.values(items)) if (item.kind === 'substation') max = Math.max(max, item.loadKw);
  return max;
}

const dashed = new PathStyleExtension({ dash: true });
const ATLAS = iconAtlasUrl();

/**
 * The grid: feeders as lines coloured by utilisation (overloads wider, under a dashed white
 * halo), substations as circles sized by load, battery sites as icons.
 */
export function gridLayers(input: GridLayersInput) {
  const { network, items, overloaded, largestLoadKw, version, dimmed, beforeId } = input;
  const visible = input.visible && network !== undefined;
  const opacity = dimmed ? 0.4 : 1;
  return [
    new PathLayer<Feeder, PathStyleExtensionProps<Feeder> & Placement>({
      id: GRID_OVERLOAD_LAYER_ID,
      beforeId,
      data: overloaded as Feeder[],
      visible: visible && overloaded.length > 0,
      getPath: (f) => f.path,
      getColor: [255, 255, 255, 230],
      getWidth: OVERLOAD_HALO_PX,
      widthUnits: 'pixels',
      getDashArray: [2, 1.2],
      dashJustified: true,
      extensions: [dashed],
      opacity,
    }),
    new PathLayer<Feeder, Placement>({
      id: GRID_FEEDERS_LAYER_ID,
      beforeId,
      data: (network?.feeders ?? []) as Feeder[],
      visible,
      getPath: (f) => f.path,
      getColor: (f) => gridColour(items, f.id),
      getWidth: (f) => {
        const u = utilisationOf(items, f.id);
        return u !== null && isOverloaded(u) ? OVERLOAD_FEEDER_PX : FEEDER_PX;
      },
      updateTriggers: { getColor: version, getWidth: version },
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
      pickable: true,
      autoHighlight: true,
      highlightColor: [255, 255, 255, 90],
      opacity,
    }),
    new ScatterplotLayer<Substation, Placement>({
      id: GRID_SUBSTATIONS_LAYER_ID,
      beforeId,
      data: (network?.substations ?? []) as Substation[],
      visible,
      getPosition: (s) => s.location,
      getRadius: (s) => {
        const item = items[s.id];
        return substationRadiusPx(item?.kind === 'substation' ? item.loadKw : 0, largestLoadKw);
      },
      getFillColor: (s) => gridColour(items, s.id),
      getLineColor: OUTLINE,
      updateTriggers: { getRadius: version, getFillColor: version },
      radiusUnits: 'pixels',
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      pickable: true,
      autoHighlight: true,
      highlightColor: [255, 255, 255, 90],
      opacity,
    }),
    new IconLayer<Battery, Placement>({
      id: GRID_BATTERIES_LAYER_ID,
      beforeId,
      data: (network?.batteries ?? []) as Battery[],
      visible,
      iconAtlas: ATLAS,
      iconMapping,
      getIcon: () => 'battery',
      getPosition: (b) => b.location,
      getColor: rgba(batteryRgb),
      getSize: 20,
      sizeUnits: 'pixels',
      pickable: true,
      opacity,
    }),
  ];
}
