import { IconLayer, PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import { iconAngle, iconAtlasUrl, iconMapping } from '@/lib/map/icons';
import type { TransitNetwork, TransitRoute, TransitShape, TransitStop, Vehicle } from '@/lib/protocol/transit';

export const TRANSIT_ROUTES_LAYER_ID = 'transit-routes';
export const TRANSIT_STOPS_LAYER_ID = 'transit-stops';
export const TRANSIT_BUSES_LAYER_ID = 'transit-buses';
export const TRANSIT_BUS_ARROWS_LAYER_ID = 'transit-bus-arrows';

export type Bus = Vehicle & { id: string };
type Rgba = [number, number, number, number];
type Placement = { beforeId?: string };

/** A route's GTFS colours as RGBA, for the map. */
export interface RouteColours {
  fill: Rgba;
  text: Rgba;
}
/** For buses on a route the feed does not (yet) describe: neutral, never mistaken for a route. */
export const UNKNOWN_ROUTE: RouteColours = { fill: [200, 208, 218, 255], text: [10, 14, 19, 255] };

export function hexToRgba(hex: string): Rgba {
  const n = Number.parseInt(hex, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 255];
}

export function routeColours(routes: readonly TransitRoute[]): Map<string, RouteColours> {
  return new Map(routes.map((r) => [r.id, { fill: hexToRgba(r.color), text: hexToRgba(r.textColor) }]));
}

export interface TransitLayersInput {
  network: TransitNetwork | undefined;
  colours: ReadonlyMap<string, RouteColours>;
  /** Changes when the colours do (deck.gl compares update triggers by value, and a Map has no keys to compare). */
  coloursKey: string;
  buses: readonly Bus[];
  version: number;
  visible: boolean;
  dimmed: boolean;
  beforeId: string | undefined;
}

const ATLAS = iconAtlasUrl();
const colourOf = (colours: ReadonlyMap<string, RouteColours>, routeId: string) => colours.get(routeId) ?? UNKNOWN_ROUTE;

/** Route lines and stops (static, from GTFS), under the live buses. */
export function transitNetworkLayers(input: TransitLayersInput) {
  const { network, colours, visible, dimmed, beforeId } = input;
  const opacity = dimmed ? 0.4 : 1;
  return [
    new PathLayer<TransitShape, Placement>({
      id: TRANSIT_ROUTES_LAYER_ID,
      beforeId,
      data: (network?.shapes ?? []) as TransitShape[],
      visible: visible && network !== undefined,
      getPath: (s) => s.path,
      getColor: (s) => colourOf(colours, s.routeId).fill,
      updateTriggers: { getColor: input.coloursKey },
      getWidth: 3,
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
      opacity,
    }),
    new ScatterplotLayer<TransitStop, Placement>({
      id: TRANSIT_STOPS_LAYER_ID,
      beforeId,
      data: (network?.stops ?? []) as TransitStop[],
      visible: visible && network !== undefined,
      getPosition: (s) => s.location,
      getRadius: 4,
      radiusUnits: 'pixels',
      getFillColor: [235, 240, 245, 255],
      stroked: true,
      getLineColor: [10, 14, 19, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
      pickable: true,
      autoHighlight: true,
      highlightColor: [88, 166, 255, 200],
      opacity,
    }),
  ];
}

/**
 * Live buses: a disc in the route's colour with an arrow in its text colour, turned to the
 * bus's bearing, so direction reads at a glance whatever the route colour.
 */
export function busLayers(input: TransitLayersInput) {
  const { colours, buses, version, visible, dimmed, beforeId } = input;
  const opacity = dimmed ? 0.4 : 1;
  return [
    new ScatterplotLayer<Bus, Placement>({
      id: TRANSIT_BUSES_LAYER_ID,
      beforeId,
      data: buses as Bus[],
      visible,
      getPosition: (b) => b.location,
      getRadius: 9,
      radiusUnits: 'pixels',
      getFillColor: (b) => colourOf(colours, b.routeId).fill,
      updateTriggers: { getFillColor: [version, input.coloursKey], getPosition: version },
      stroked: true,
      getLineColor: [255, 255, 255, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
      pickable: true,
      autoHighlight: true,
      highlightColor: [255, 255, 255, 90],
      opacity,
    }),
    new IconLayer<Bus, Placement>({
      id: TRANSIT_BUS_ARROWS_LAYER_ID,
      beforeId,
      data: buses as Bus[],
      visible,
      iconAtlas: ATLAS,
      iconMapping,
      getIcon: () => 'arrow',
      getPosition: (b) => b.location,
      getAngle: (b) => iconAngle(b.bearing),
      getColor: (b) => colourOf(colours, b.routeId).text,
      getSize: 12,
      sizeUnits: 'pixels',
      updateTriggers: { getAngle: version, getColor: [version, input.coloursKey], getPosition: version },
      opacity,
    }),
  ];
}
