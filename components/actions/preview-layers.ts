import { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { LonLat } from '@/lib/domain/road';
import type { ActionPreview } from './preview';

export const ACTION_PREVIEW_PATH_LAYER_ID = 'action-preview-path';
export const ACTION_PREVIEW_POINT_LAYER_ID = 'action-preview-point';

type Placement = { beforeId?: string };

/** Amber, apart from the traffic, grid and air colour scales and the white selection ring. */
const PREVIEW: [number, number, number, number] = [255, 196, 0, 235];
const NO_PATHS: LonLat[][] = [];
const NO_POINTS: LonLat[] = [];

/**
 * The previewed action on the map: what it changes (segments or a feeder) drawn in a wide amber
 * band, and a ring at its target. Always present, hidden with `visible: false` when nothing is
 * previewed, so the ids and GPU buffers survive; the data arrays are the preview's own (memoised
 * by the caller), so deck.gl rebuilds them only when another action is previewed.
 */
export function actionPreviewLayers(preview: ActionPreview | null, beforeId: string | undefined) {
  const key = preview?.id ?? 'none';
  return [
    new PathLayer<LonLat[], Placement>({
      id: ACTION_PREVIEW_PATH_LAYER_ID,
      beforeId,
      data: preview?.paths ?? NO_PATHS,
      visible: preview !== null && preview.paths.length > 0,
      getPath: (p) => p,
      getColor: PREVIEW,
      getWidth: 8,
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
      updateTriggers: { getPath: key },
    }),
    new ScatterplotLayer<LonLat, Placement>({
      id: ACTION_PREVIEW_POINT_LAYER_ID,
      beforeId,
      data: preview?.points ?? NO_POINTS,
      visible: preview !== null,
      getPosition: (p) => p,
      getRadius: 22,
      radiusUnits: 'pixels',
      filled: false,
      stroked: true,
      getLineColor: PREVIEW,
      getLineWidth: 3,
      lineWidthUnits: 'pixels',
      updateTriggers: { getPosition: key },
    }),
  ];
}
