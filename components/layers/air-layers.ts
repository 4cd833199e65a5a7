import { BitmapLayer, ScatterplotLayer } from '@deck.gl/layers';
import { aqiLevelStyle } from '@/lib/map/aqi-palette';
import type { Bounds } from '@/lib/map/idw';
import type { AirReading } from '@/lib/protocol/air';

export const AIR_SURFACE_LAYER_ID = 'air-surface';
export const AIR_STATIONS_LAYER_ID = 'air-stations';

/** A station's reading with its id, as the layers draw it. */
export type AirStation = AirReading & { id: string };

export interface AirLayersInput {
  stations: readonly AirStation[];
  /** The interpolated surface as an image (buildAirSurface, then ImageData), or null. */
  surface: { image: ImageData; bounds: Bounds } | null;
  /** Changes with every change of the items (live version, and the timeline's time when shifted). */
  version: number | string;
  visible: boolean;
  surfaceVisible: boolean;
  dimmed: boolean;
  beforeId: string | undefined;
}

type Placement = { beforeId?: string };
const STATION_PX = 8;

export function stationColour(s: Pick<AirReading, 'aqiLevel'>): [number, number, number, number] {
  const [r, g, b] = aqiLevelStyle(s.aqiLevel).rgb;
  return [r, g, b, 255];
}

/** The surface goes under the roads; stations are drawn on top of everything but incidents. */
export function airSurfaceLayers(input: AirLayersInput) {
  const { surface, visible, surfaceVisible, dimmed, beforeId } = input;
  return [
    new BitmapLayer<Placement>({
      id: AIR_SURFACE_LAYER_ID,
      beforeId,
      image: surface?.image ?? null,
      bounds: surface?.bounds ?? [0, 0, 0, 0],
      visible: visible && surfaceVisible && surface !== null,
      opacity: dimmed ? 0.5 : 1,
      // Smooth between cells: the image is small, the GPU interpolates it.
      textureParameters: { minFilter: 'linear', magFilter: 'linear' },
    }),
  ];
}

/** Stations as circles coloured by AQI level, outlined so dark levels read on the dark map. */
export function airStationLayers(input: AirLayersInput) {
  const { stations, version, visible, dimmed, beforeId } = input;
  return [
    new ScatterplotLayer<AirStation, Placement>({
      id: AIR_STATIONS_LAYER_ID,
      beforeId,
      data: stations as AirStation[],
      visible,
      getPosition: (s) => s.location,
      getRadius: STATION_PX,
      radiusUnits: 'pixels',
      getFillColor: stationColour,
      updateTriggers: { getFillColor: version },
      stroked: true,
      getLineColor: [235, 240, 245, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
      pickable: true,
      autoHighlight: true,
      highlightColor: [255, 255, 255, 90],
      opacity: dimmed ? 0.4 : 1,
    }),
  ];
}
