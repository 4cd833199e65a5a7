import { z } from 'zod';
import { lonLatSchema, roadClassSchema } from '../domain/road';
import { airQualityObservedEntitySchema } from './ngsi-air';
import { alertEntitySchema } from './ngsi-incidents';
import {
  acLineSegmentEntitySchema,
  storageBatteryDeviceEntitySchema,
  storageBatteryMeasurementEntitySchema,
  substationEntitySchema,
  threePhaseAcMeasurementEntitySchema,
} from './ngsi-grid';
import { weatherObservedEntitySchema } from './ngsi-weather';

/**
 * NGSI-LD entities in keyValues (simplified) form, as the Smart Data Models define them:
 * https://github.com/smart-data-models/dataModel.Transportation (RoadSegment, TrafficFlowObserved).
 * The field, or the city twin standing in for it, upserts these to the model services.
 */
export const NGSI_LD_CORE_CONTEXT = 'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld';
export const SDM_TRANSPORTATION_CONTEXT =
  'https://raw.githubusercontent.com/smart-data-models/dataModel.Transportation/master/context.jsonld';

const urn = (type: string) =>
  z
    .string()
    .max(256)
    .regex(new RegExp(`^urn:ngsi-ld:${type}:[A-Za-z0-9._:-]+$`), `must be a urn:ngsi-ld:${type}:… id`);

const isoDateTime = z.iso.datetime({ offset: true });

const lineString = z.object({ type: z.literal('LineString'), coordinates: z.array(lonLatSchema).min(2).max(500) });
const point = z.object({ type: z.literal('Point'), coordinates: lonLatSchema });

const context = z.union([z.string().url(), z.array(z.union([z.string().url(), z.record(z.string(), z.unknown())]))]).optional();

export const roadSegmentEntitySchema = z.object({
  '@context': context,
  id: urn('RoadSegment'),
  type: z.literal('RoadSegment'),
  name: z.string().min(1).max(200),
  /** Extension: OSM-style class of the road this segment belongs to. */
  roadClass: roadClassSchema,
  totalLaneNumber: z.number().int().min(1).max(8),
  /** km/h, as in the data model. */
  maximumAllowedSpeed: z.number().positive().max(200),
  /** Extension: capacity of all lanes in vehicles per hour. */
  capacity: z.number().positive().max(20_000),
  /** Length in metres (the data model leaves units to the provider; we use metres). */
  length: z.number().positive().max(50_000),
  location: lineString,
  startPoint: point.optional(),
  endPoint: point.optional(),
  refRoad: z.string().max(256).optional(),
  dataProvider: z.string().max(100).optional(),
});
export type RoadSegmentEntity = z.infer<typeof roadSegmentEntitySchema>;

export const trafficFlowObservedEntitySchema = z
  .object({
    '@context': context,
    id: urn('TrafficFlowObserved'),
    type: z.literal('TrafficFlowObserved'),
    refRoadSegment: urn('RoadSegment'),
    dateObserved: isoDateTime,
    dateObservedFrom: isoDateTime.optional(),
    dateObservedTo: isoDateTime.optional(),
    /** km/h */
    averageVehicleSpeed: z.number().min(0).max(250),
    /** Vehicles counted during the observation period (dateObservedFrom → dateObservedTo). */
    intensity: z.number().min(0).max(100_000),
    /** Fraction of time the detector was occupied, 0–1. */
    occupancy: z.number().min(0).max(1),
    congested: z.boolean().optional(),
    location: z.union([lineString, point]).optional(),
    dataProvider: z.string().max(100).optional(),
  })
  .refine((e) => !e.dateObservedFrom || !e.dateObservedTo || e.dateObservedFrom < e.dateObservedTo, {
    message: 'dateObservedFrom must be before dateObservedTo',
    path: ['dateObservedFrom'],
  });
export type TrafficFlowObservedEntity = z.infer<typeof trafficFlowObservedEntitySchema>;

export const entitySchema = z.discriminatedUnion('type', [
  roadSegmentEntitySchema,
  trafficFlowObservedEntitySchema,
  alertEntitySchema,
  weatherObservedEntitySchema,
  airQualityObservedEntitySchema,
  substationEntitySchema,
  acLineSegmentEntitySchema,
  storageBatteryDeviceEntitySchema,
  threePhaseAcMeasurementEntitySchema,
  storageBatteryMeasurementEntitySchema,
]);
export type Entity = z.infer<typeof entitySchema>;

/** Body of POST /ngsi-ld/v1/entityOperations/upsert: all entities are applied, or none. */
export const upsertBatchSchema = z.array(entitySchema).min(1).max(50_000);
export type UpsertBatch = z.infer<typeof upsertBatchSchema>;

/** Short id of an entity: the part after `urn:ngsi-ld:Type:`. */
export function shortId(entityId: string): string {
  const parts = entityId.split(':');
  return parts.slice(3).join(':');
}

export function entityId(type: 'RoadSegment' | 'TrafficFlowObserved', id: string): string {
  return `urn:ngsi-ld:${type}:${id}`;
}
