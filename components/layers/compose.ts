import type { PickingInfo } from '@deck.gl/core';
import { actionPreviewLayers } from '../actions/preview-layers';
import type { ActionPreview } from '../actions/preview';
import { AIR_STATIONS_LAYER_ID, airStationLayers, airSurfaceLayers, type AirLayersInput } from './air-layers';
import type { FeatureKind, FeatureRef } from './features';
import { GRID_BATTERIES_LAYER_ID, GRID_FEEDERS_LAYER_ID, GRID_SUBSTATIONS_LAYER_ID, gridLayers, type GridLayersInput } from './grid-layers';
import { INCIDENTS_LAYER_ID, incidentLayers, type IncidentLayersInput } from './incident-layers';
import { selectionLayers, type SelectionMark } from './selection-layers';
import { pickedSegmentId, TRAFFIC_LAYER_ID, trafficLayers, type TrafficLayersInput } from './traffic-layers';
import { TRANSIT_BUSES_LAYER_ID, TRANSIT_STOPS_LAYER_ID, busLayers, transitNetworkLayers, type TransitLayersInput } from './transit-layers';

export interface CityLayersInput {
  traffic: TrafficLayersInput | null;
  grid: GridLayersInput;
  air: AirLayersInput;
  transit: TransitLayersInput;
  incidents: IncidentLayersInput;
  selection: SelectionMark | null;
  /** The action previewed from the actions panel, if any. */
  preview?: ActionPreview | null;
  beforeId: string | undefined;
}

/**
 * Every layer group in drawing order, bottom first: the air surface under the roads, then
 * traffic, the grid, transit lines and stops, air stations, buses, incidents, and the selection
 * ring on top, a previewed action just under it. All layers are always present (hidden ones with
 * visible: false) so ids and GPU buffers survive toggles.
 */
export function cityLayers(input: CityLayersInput) {
  return [
    ...airSurfaceLayers(input.air),
    ...(input.traffic ? trafficLayers(input.traffic) : []),
    ...gridLayers(input.grid),
    ...transitNetworkLayers(input.transit),
    ...airStationLayers(input.air),
    ...busLayers(input.transit),
    ...incidentLayers(input.incidents),
    ...actionPreviewLayers(input.preview ?? null, input.beforeId),
    ...selectionLayers(input.selection, input.beforeId),
  ];
}

/** Which kind of thing each pickable layer draws; objects in all of them carry an `id`. */
export const pickableLayers: Record<string, FeatureKind> = {
  [TRAFFIC_LAYER_ID]: 'segment',
  [GRID_FEEDERS_LAYER_ID]: 'feeder',
  [GRID_SUBSTATIONS_LAYER_ID]: 'substation',
  [GRID_BATTERIES_LAYER_ID]: 'battery',
  [AIR_STATIONS_LAYER_ID]: 'station',
  [TRANSIT_STOPS_LAYER_ID]: 'stop',
  [TRANSIT_BUSES_LAYER_ID]: 'bus',
  [INCIDENTS_LAYER_ID]: 'incident',
};
export const pickableLayerIds = Object.keys(pickableLayers);

/** The thing a pick landed on, or null (nothing, or a layer nobody can select). */
export function featureOf(info: (Pick<PickingInfo, 'picked' | 'layer' | 'object'> & { index?: number }) | null | undefined): FeatureRef | null {
  if (!info?.picked || !info.layer) return null;
  const kind = pickableLayers[info.layer.id];
  // Traffic is binary data: the pick is an index into the network, not an object.
  const id = kind === 'segment' ? pickedSegmentId(info.layer.props?.data, info.index ?? -1) : (info.object as { id?: unknown } | undefined)?.id;
  return kind && typeof id === 'string' ? { kind, id } : null;
}
