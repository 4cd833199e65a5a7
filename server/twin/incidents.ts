import { entityId, NGSI_LD_CORE_CONTEXT } from '@/lib/protocol/ngsi';
import { SDM_ALERT_CONTEXT, subCategoryOfKind, type AlertEntity } from '@/lib/protocol/ngsi-incidents';
import type { City } from './city';
import type { TwinContext, TwinDomain } from './domain';
import { DATA_PROVIDER } from './ngsi';
import type { Incident } from './sim';

const CONTEXT = [NGSI_LD_CORE_CONTEXT, SDM_ALERT_CONTEXT];

/** One incident as the Smart Data Models Alert a traffic centre would publish (keyValues). */
export function alertEntity(city: City, inc: Incident): AlertEntity {
  const s = city.segments[inc.segment];
  return {
    '@context': CONTEXT,
    id: `urn:ngsi-ld:Alert:${inc.id}`,
    type: 'Alert',
    category: 'traffic',
    subCategory: subCategoryOfKind[inc.kind],
    alertSource: DATA_PROVIDER,
    // Issued when it starts: planned roadworks and events are announced then too, in this twin.
    dateIssued: new Date(inc.start).toISOString(),
    validFrom: new Date(inc.start).toISOString(),
    validTo: new Date(inc.until).toISOString(),
    severity: inc.severity,
    description: inc.description,
    ...(inc.descriptionText ? { descriptionText: inc.descriptionText } : {}),
    location: { type: 'Point', coordinates: s.path[Math.floor(s.path.length / 2)] },
    refRoadSegment: entityId('RoadSegment', s.id),
    capacityFactor: Math.round(inc.capacityFactor * 1000) / 1000,
    dataProvider: DATA_PROVIDER,
  };
}

/**
 * The twin's incidents domain: the traffic simulation makes the incidents (sim.ts); this reports
 * the ones in effect as Alerts on every tick. Repeating them is cheap (a handful) and lets model
 * services that restarted learn them again; they drop each one when its validTo has passed.
 */
export function createIncidentsDomain(ctx: TwinContext): TwinDomain {
  return {
    name: 'incidents',
    registration: () => [],
    step: () => undefined,
    observations: () => ctx.traffic.incidents.map((inc) => alertEntity(ctx.city, inc)),
  };
}
