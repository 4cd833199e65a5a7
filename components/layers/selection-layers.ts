import { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { LonLat } from '@/lib/domain/road';

export const SELECTION_POINT_LAYER_ID = 'selection-point';
export const SELECTION_PATH_LAYER_ID = 'selection-path';

/** Where the selected thing is, when it is not a road segment (traffic frames its own). */
export type SelectionMark = { point: LonLat } | { path: LonLat[] };
type Placement = { beforeId?: string };

const WHITE: [number, number, number, number] = [255, 255, 255, 235];

/** A white ring around a selected point, or a white casing under a selected feeder. */
export function selectionLayers(mark: SelectionMark | null, beforeId: string | undefined) {
  const point = mark && 'point' in mark ? [mark.point] : [];
  const path = mark && 'path' in mark ? [mark.path] : [];
  return [
    new PathLayer<LonLat[], Placement>({
      id: SELECTION_PATH_LAYER_ID,
      beforeId,
      data: path,
      visible: path.length > 0,
      getPath: (p) => p,
      getColor: WHITE,
      getWidth: 9,
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
    }),
    new ScatterplotLayer<LonLat, Placement>({
      id: SELECTION_POINT_LAYER_ID,
      beforeId,
      data: point,
      visible: point.length > 0,
      getPosition: (p) => p,
      getRadius: 17,
      radiusUnits: 'pixels',
      filled: false,
      stroked: true,
      getLineColor: WHITE,
      getLineWidth: 3,
      lineWidthUnits: 'pixels',
    }),
  ];
}
