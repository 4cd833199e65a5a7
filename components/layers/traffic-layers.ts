import { PathStyleExtension, type PathStyleExtensionProps } from '@deck.gl/extensions';
import { PathLayer } from '@deck.gl/layers';
import type { RoadClass, RoadSegment } from '@/lib/domain/road';
import type { PathGeometry } from '@/lib/map/path-buffers';

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

/**
 * deck.gl binary input for the network: geometry, widths and per-vertex colours as typed arrays.
 * `geometry` is what dataComparator compares, so a new object with new colours is not a data
 * change (no re-tessellation); `ids` turns a picked index back into a segment.
 */
export interface TrafficBinaryData {
  length: number;
  startIndices: Uint32Array;
  attributes: {
    getPath: { value: Float64Array; size: 2 };
    getWidth: { value: Float32Array; size: 1 };
    getColor: { value: Uint8Array; size: 4; normalized: true };
  };
  geometry: PathGeometry;
  ids: string[];
}

/** Wrap the buffers for one colour state; call once per colour change (memoised by the caller). */
export function trafficData(geometry: PathGeometry, widths: Float32Array, vertexColours: Uint8Array): TrafficBinaryData {
  return {
    length: geometry.length,
    startIndices: geometry.startIndices,
    attributes: {
      getPath: { value: geometry.positions, size: 2 },
      getWidth: { value: widths, size: 1 },
      // A new wrapper each colour change: deck.gl re-uploads this one buffer and nothing else.
      getColor: { value: vertexColours, size: 4, normalized: true },
    },
    geometry,
    ids: geometry.ids,
  };
}

export interface TrafficLayersInput {
  segments: readonly RoadSegment[];
  /** Binary network with the colours to draw (live, replayed or forecast). */
  data: TrafficBinaryData;
  /** Changes whenever the colours do: the update trigger for getColor. */
  colourKey: string;
  beforeId: string | undefined;
  /** Stale data is drawn faded so the map does not pretend to be live. */
  dimmed: boolean;
  selectedIndex: number;
  /** Off in the layer panel: hidden, not removed, so turning it back on is instant. */
  visible: boolean;
}

const pathStyle = new PathStyleExtension({ offset: true });
const sameGeometry = (a: unknown, b: unknown) => (a as TrafficBinaryData | undefined)?.geometry === (b as TrafficBinaryData | undefined)?.geometry;

/** The deck.gl layers of live traffic: one path per directed segment, coloured by congestion. */
export function trafficLayers(input: TrafficLayersInput) {
  const { segments, data, colourKey, beforeId, dimmed, selectedIndex, visible } = input;
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
    // Binary input: typed deck.gl props cannot express it, hence the cast to the layer's data type.
    new PathLayer<RoadSegment, SegmentLayerProps>({
      id: TRAFFIC_LAYER_ID,
      beforeId,
      data: data as unknown as RoadSegment[],
      dataComparator: sameGeometry,
      // Open paths, not normalised: deck.gl takes the flat positions as they are.
      _pathType: 'open',
      visible,
      updateTriggers: { getColor: colourKey },
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

/** The segment id of a picked traffic path (binary data has no objects, only indices). */
export function pickedSegmentId(data: unknown, index: number): string | null {
  const ids = (data as Partial<TrafficBinaryData> | null)?.ids;
  return Array.isArray(ids) && index >= 0 && index < ids.length ? ids[index] : null;
}
