import { entityId, NGSI_LD_CORE_CONTEXT, SDM_TRANSPORTATION_CONTEXT, type RoadSegmentEntity, type TrafficFlowObservedEntity } from '@/lib/protocol/ngsi';
import type { City } from './city';
import { STEP_S, type TrafficSim } from './sim';

/** Who the twin says it is in every entity: the status line shows it as the data's source. */
export const DATA_PROVIDER = 'city-twin';
const CONTEXT = [NGSI_LD_CORE_CONTEXT, SDM_TRANSPORTATION_CONTEXT];

/** The city's road segments as NGSI-LD RoadSegment entities (Smart Data Models, keyValues). */
export function roadSegmentEntities(city: City): RoadSegmentEntity[] {
  return city.segments.map((s) => ({
    '@context': CONTEXT,
    id: entityId('RoadSegment', s.id),
    type: 'RoadSegment',
    name: s.name,
    roadClass: s.roadClass,
    totalLaneNumber: s.lanes,
    maximumAllowedSpeed: s.freeFlowKmh,
    capacity: s.capacityVph,
    length: s.lengthM,
    location: { type: 'LineString', coordinates: s.path },
    startPoint: { type: 'Point', coordinates: s.path[0] },
    endPoint: { type: 'Point', coordinates: s.path[s.path.length - 1] },
    refRoad: s.name,
    dataProvider: DATA_PROVIDER,
  }));
}

/** The last step of every segment as TrafficFlowObserved entities: what a loop detector would report. */
export function trafficFlowEntities(city: City, sim: TrafficSim): TrafficFlowObservedEntity[] {
  const to = new Date(sim.time).toISOString();
  const from = new Date(sim.time - STEP_S * 1000).toISOString();
  return city.segments.map((s, i) => ({
    id: entityId('TrafficFlowObserved', s.id),
    type: 'TrafficFlowObserved',
    refRoadSegment: entityId('RoadSegment', s.id),
    dateObserved: to,
    dateObservedFrom: from,
    dateObservedTo: to,
    averageVehicleSpeed: sim.speedKmh[i],
    // Vehicles counted during the 10-second period.
    intensity: Math.round(((sim.flowVph[i] * STEP_S) / 3600) * 100) / 100,
    occupancy: sim.occupancy[i],
    congested: sim.speedKmh[i] < 0.5 * s.freeFlowKmh,
    dataProvider: DATA_PROVIDER,
  }));
}
