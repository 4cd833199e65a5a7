import type { RoadSegment } from '@/lib/domain/road';

/**
 * The flow a signal approach must serve. Its measured flow is what got through the stop line, so on
 * a queued approach it is capped by today's green and understates demand: add the vehicles standing
 * beyond the critical density, to be cleared within QUEUE_CLEAR_MIN. Pure.
 */

/** Effective length of a vehicle in occupancy (m): occupancy = density per lane × this (the twin's too). */
export const EFFECTIVE_VEHICLE_M = 6.5;
export const QUEUE_CLEAR_MIN = 15;

/** Vehicles queued on a segment beyond its critical density (capacity / free-flow speed). */
export function queuedVehicles(segment: Pick<RoadSegment, 'lanes' | 'lengthM' | 'capacityVph' | 'freeFlowKmh'>, occupancy: number): number {
  const densityPerLaneM = occupancy / EFFECTIVE_VEHICLE_M;
  const criticalPerLaneM = segment.capacityVph / segment.lanes / (segment.freeFlowKmh * 1000);
  return Math.max(0, densityPerLaneM - criticalPerLaneM) * segment.lengthM * segment.lanes;
}

/** Design flow (veh/h): the larger of the flow now and forecast, plus the standing queue spread over QUEUE_CLEAR_MIN. */
export function designFlowVph(segment: Pick<RoadSegment, 'lanes' | 'lengthM' | 'capacityVph' | 'freeFlowKmh'>, reading: { flowVph: number; occupancy: number } | undefined, forecastVph: number | null): number {
  const flow = Math.max(reading?.flowVph ?? 0, forecastVph ?? 0);
  return flow + (reading ? queuedVehicles(segment, reading.occupancy) * (60 / QUEUE_CLEAR_MIN) : 0);
}
