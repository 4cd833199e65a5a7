import { PathStyleExtension, type PathStyleExtensionProps } from '@deck.gl/extensions';
import { PathLayer } from '@deck.gl/layers';
import type { RoadClass, RoadSegment } from '@/lib/domain/road';
import { colourAt } from '@/lib/map/traffic-colours';

/** Line width per road class, in screen pixels: major roads read first at any zoom. */
export const trafficWidthPx: Record<RoadClass, number> = {
  motorway: 5,
  primary: 4.5,
  secondary: 4,
  tertiary: 3,
  residential: 2.2,
};

/**
 * Shift of each directed line to its right, in line widths: the two directions of a street share
 * a centreline, so half a width puts them side by side and the extra tenth leaves a hairline gap.
 */
const OFFSET = 0.6;
const SELECTED_OUTLINE_PX = 4;
const SELECTED_RGBA: [number, number, number, number] = [255, 255, 255, 235];

/** Layer ids are stable so deck.gl diffs props instead of rebuilding GPU buffers. */
export const TRAFFIC_LAYER_ID = 'traffic-speed';
export const SELECTED_LAYER_ID = 'traffic-selected';

/** Interleaved-mode placement (MapboxOverlay): under the basemap layer with this id. */
type Placement = { beforeId?: string };
type SegmentLayerProps = PathStyleExtensionProps<RoadSegment> & Placement;

export interface TrafficLayersInput {
  segments: readonly RoadSegment[];
  /** RGBA per segment for the current snapshot (buildColourBuffer), or null before the first one. */
  colours: Uint8Array | null;
  /** Snapshot version the colours belong to: the update trigger for getColor. */
  version: number;
  beforeId: string | undefined;
  /** Stale data is drawn faded so the map does not pretend to be live. */
  dimmed: boolean;
  selectedIndex: number;
  /** Off in the layer panel: hidden, not removed, so turning it back on is instant. */
  visible: boolean;
}

const pathStyle = new PathStyleExtension({ offset: true });
const grey: [number, number, number, number] = [110, 118, 130, 255];

/** The deck.gl layers of live traffic: one path per directed segment, coloured by congestion. */
export function trafficLayers(input: TrafficLayersInput) {
  const { segments, colours, version, beforeId, dimmed, selectedIndex, visible } = input;
  const selected = selectedIndex >= 0 ? [segments[selectedIndex]] : [];
  return [
    new PathLayer<RoadSegment, SegmentLayerProps>({
      id: SELECTED_LAYER_ID,
      beforeId,
      data: selected,
      visible: visible && selected.length > 0,
      getPath: (s) => s.path,
      getColor: SELECTED_RGBA,
      getWidth: (s) => trafficWidthPx[s.roadClass] + SELECTED_OUTLINE_PX,
      // Same centreline as the traffic line it frames, although wider.
      getOffset: (s) => (OFFSET * trafficWidthPx[s.roadClass]) / (trafficWidthPx[s.roadClass] + SELECTED_OUTLINE_PX),
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
      extensions: [pathStyle],
    }),
    new PathLayer<RoadSegment, SegmentLayerProps>({
      id: TRAFFIC_LAYER_ID,
      beforeId,
      // The network, memoised by the caller: same array, no re-tessellation when colours change.
      data: segments as RoadSegment[],
      visible,
      getPath: (s) => s.path,
      getColor: colours ? (_s, { index }) => colourAt(colours, index) : grey,
      updateTriggers: { getColor: version },
      getWidth: (s) => trafficWidthPx[s.roadClass],
      getOffset: OFFSET,
      widthUnits: 'pixels',
      widthMinPixels: 1.5,
      capRounded: true,
      jointRounded: true,
      opacity: dimmed ? 0.4 : 1,
      pickable: true,
      autoHighlight: true,
      highlightColor: [255, 255, 255, 90],
      extensions: [pathStyle],
    }),
  ];
}
