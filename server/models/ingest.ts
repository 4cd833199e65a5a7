import type { RoadSegment } from '@/lib/domain/road';
import { shortId, type UpsertBatch } from '@/lib/protocol/ngsi';
import type { FieldIssue } from '@/lib/validation';
import type { Observation } from '../store/store';

/** An NGSI-LD upsert batch split into what the store keeps: road segments and observations. */
export interface IngestPlan {
  segments: RoadSegment[];
  observations: Observation[];
  issues: FieldIssue[];
}

/**
 * Map a validated batch to rows, and name every observation of a segment nobody registered
 * (neither before nor in this batch): the whole batch is refused then, nothing half-applied.
 */
export function planUpsert(batch: UpsertBatch, known: ReadonlySet<string>): IngestPlan {
  const segments: RoadSegment[] = [];
  for (const e of batch) {
    if (e.type !== 'RoadSegment') continue;
    segments.push({
      id: shortId(e.id),
      name: e.name,
      roadClass: e.roadClass,
      lanes: e.totalLaneNumber,
      freeFlowKmh: e.maximumAllowedSpeed,
      capacityVph: e.capacity,
      lengthM: e.length,
      path: e.location.coordinates,
    });
  }
  const inBatch = new Set(segments.map((s) => s.id));
  const observations: Observation[] = [];
  const issues: FieldIssue[] = [];
  batch.forEach((e, i) => {
    if (e.type !== 'TrafficFlowObserved') return;
    const segmentId = shortId(e.refRoadSegment);
    if (!known.has(segmentId) && !inBatch.has(segmentId)) {
      issues.push({ path: `[${i}].refRoadSegment`, message: `unknown road segment ${e.refRoadSegment}` });
      return;
    }
    // intensity counts vehicles over the observation period; without one it is taken as per hour.
    const periodS =
      e.dateObservedFrom && e.dateObservedTo ? (Date.parse(e.dateObservedTo) - Date.parse(e.dateObservedFrom)) / 1000 : 3600;
    observations.push({
      segmentId,
      observedAt: new Date(e.dateObserved).toISOString(),
      speedKmh: e.averageVehicleSpeed,
      flowVph: Math.min(50_000, Math.round(((e.intensity * 3600) / periodS) * 10) / 10),
      occupancy: e.occupancy,
      source: e.dataProvider ?? null,
    });
  });
  return { segments, observations, issues };
}
