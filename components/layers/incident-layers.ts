import { IconLayer } from '@deck.gl/layers';
import { iconAtlasUrl, iconMapping } from '@/lib/map/icons';
import type { Incident } from '@/lib/protocol/incidents';

export const INCIDENTS_LAYER_ID = 'incidents';

export type IncidentItem = Incident & { id: string };
type Placement = { beforeId?: string };

export interface IncidentLayersInput {
  incidents: readonly IncidentItem[];
  version: number;
  visible: boolean;
  dimmed: boolean;
  beforeId: string | undefined;
}

const ATLAS = iconAtlasUrl();
/** Severity shows in size as well as in the panel: a high-severity crash stands out. */
export const incidentSizePx: Record<Incident['severity'], number> = { low: 22, medium: 26, high: 32 };

/** One sign per incident, its icon by kind (shape and colour). */
export function incidentLayers(input: IncidentLayersInput) {
  const { incidents, version, visible, dimmed, beforeId } = input;
  return [
    new IconLayer<IncidentItem, Placement>({
      id: INCIDENTS_LAYER_ID,
      beforeId,
      data: incidents as IncidentItem[],
      visible,
      iconAtlas: ATLAS,
      iconMapping,
      getIcon: (i) => i.kind,
      getPosition: (i) => i.location,
      getSize: (i) => incidentSizePx[i.severity],
      sizeUnits: 'pixels',
      updateTriggers: { getIcon: version, getSize: version, getPosition: version },
      pickable: true,
      opacity: dimmed ? 0.5 : 1,
    }),
  ];
}
