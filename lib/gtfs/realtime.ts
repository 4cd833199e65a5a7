import GtfsRealtimeBindings from 'gtfs-realtime-bindings';
import { z } from 'zod';
import { issuesOf, ValidationError } from '../validation';

/**
 * GTFS-Realtime (https://gtfs.org/documentation/realtime/reference/) as plain objects: the
 * official bindings encode and decode the protobuf, and one zod schema checks what a decoded
 * feed holds before anything uses it. Field names are the bindings' camelCase; enums are their
 * names; 64-bit timestamps are numbers of POSIX seconds. Lat/lon, bearing and speed are float32
 * on the wire.
 */
const { transit_realtime: rt } = GtfsRealtimeBindings;

/** An enum by name; a number is a value newer than these bindings, kept rather than refused. */
const protoEnum = <const T extends readonly [string, ...string[]]>(values: T) => z.union([z.enum(values), z.number().int()]);
const posix = z.number().int().min(0);

export const tripDescriptorSchema = z.object({
  tripId: z.string().optional(),
  routeId: z.string().optional(),
  directionId: z.number().int().min(0).max(1).optional(),
  startTime: z.string().optional(),
  startDate: z.string().optional(),
  scheduleRelationship: protoEnum(['SCHEDULED', 'ADDED', 'UNSCHEDULED', 'CANCELED', 'REPLACEMENT', 'DUPLICATED', 'DELETED', 'NEW']).optional(),
});

export const vehicleDescriptorSchema = z.object({
  id: z.string().optional(),
  label: z.string().optional(),
  licensePlate: z.string().optional(),
});

export const positionSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  /** Degrees clockwise from true north. */
  bearing: z.number().optional(),
  odometer: z.number().optional(),
  /** Metres per second. */
  speed: z.number().min(0).optional(),
});

export const vehiclePositionSchema = z.object({
  trip: tripDescriptorSchema.optional(),
  vehicle: vehicleDescriptorSchema.optional(),
  position: positionSchema.optional(),
  currentStopSequence: z.number().int().min(0).optional(),
  stopId: z.string().optional(),
  currentStatus: protoEnum(['INCOMING_AT', 'STOPPED_AT', 'IN_TRANSIT_TO']).optional(),
  timestamp: posix.optional(),
  congestionLevel: protoEnum(['UNKNOWN_CONGESTION_LEVEL', 'RUNNING_SMOOTHLY', 'STOP_AND_GO', 'CONGESTION', 'SEVERE_CONGESTION']).optional(),
  occupancyStatus: z.union([z.string(), z.number()]).optional(),
  occupancyPercentage: z.number().int().min(0).optional(),
});

export const stopTimeEventSchema = z.object({
  /** Seconds late (positive) or early (negative). */
  delay: z.number().int().optional(),
  /** Absolute POSIX time of the event. */
  time: posix.optional(),
  uncertainty: z.number().int().optional(),
});

export const stopTimeUpdateSchema = z.object({
  stopSequence: z.number().int().min(0).optional(),
  stopId: z.string().optional(),
  arrival: stopTimeEventSchema.optional(),
  departure: stopTimeEventSchema.optional(),
  scheduleRelationship: protoEnum(['SCHEDULED', 'SKIPPED', 'NO_DATA', 'UNSCHEDULED']).optional(),
});

export const tripUpdateSchema = z.object({
  trip: tripDescriptorSchema,
  vehicle: vehicleDescriptorSchema.optional(),
  stopTimeUpdate: z.array(stopTimeUpdateSchema).optional(),
  timestamp: posix.optional(),
  delay: z.number().int().optional(),
});

export const translatedStringSchema = z.object({
  translation: z.array(z.object({ text: z.string(), language: z.string().optional() })),
});

export const entitySelectorSchema = z.object({
  agencyId: z.string().optional(),
  routeId: z.string().optional(),
  routeType: z.number().int().optional(),
  directionId: z.number().int().optional(),
  trip: tripDescriptorSchema.optional(),
  stopId: z.string().optional(),
});

export const alertSchema = z.object({
  activePeriod: z.array(z.object({ start: posix.optional(), end: posix.optional() })).optional(),
  informedEntity: z.array(entitySelectorSchema),
  cause: protoEnum([
    'UNKNOWN_CAUSE', 'OTHER_CAUSE', 'TECHNICAL_PROBLEM', 'STRIKE', 'DEMONSTRATION', 'ACCIDENT', 'HOLIDAY', 'WEATHER', 'MAINTENANCE',
    'CONSTRUCTION', 'POLICE_ACTIVITY', 'MEDICAL_EMERGENCY',
  ]).optional(),
  effect: protoEnum([
    'NO_SERVICE', 'REDUCED_SERVICE', 'SIGNIFICANT_DELAYS', 'DETOUR', 'ADDITIONAL_SERVICE', 'MODIFIED_SERVICE', 'OTHER_EFFECT',
    'UNKNOWN_EFFECT', 'STOP_MOVED', 'NO_EFFECT', 'ACCESSIBILITY_ISSUE',
  ]).optional(),
  url: translatedStringSchema.optional(),
  headerText: translatedStringSchema.optional(),
  descriptionText: translatedStringSchema.optional(),
  severityLevel: protoEnum(['UNKNOWN_SEVERITY', 'INFO', 'WARNING', 'SEVERE']).optional(),
});

export const feedEntitySchema = z.object({
  id: z.string().min(1),
  isDeleted: z.boolean().optional(),
  tripUpdate: tripUpdateSchema.optional(),
  vehicle: vehiclePositionSchema.optional(),
  alert: alertSchema.optional(),
});

export const feedMessageSchema = z.object({
  header: z.object({
    gtfsRealtimeVersion: z.string().min(1),
    incrementality: protoEnum(['FULL_DATASET', 'DIFFERENTIAL']).optional(),
    timestamp: posix.optional(),
  }),
  entity: z.array(feedEntitySchema).default([]),
});

export type GtfsRtFeed = z.infer<typeof feedMessageSchema>;
export type GtfsRtEntity = z.infer<typeof feedEntitySchema>;
export type GtfsRtVehiclePosition = z.infer<typeof vehiclePositionSchema>;
export type GtfsRtTripUpdate = z.infer<typeof tripUpdateSchema>;
export type GtfsRtStopTimeUpdate = z.infer<typeof stopTimeUpdateSchema>;
export type GtfsRtAlert = z.infer<typeof alertSchema>;

/** Encode a feed as a GTFS-Realtime FeedMessage protobuf. */
export function encodeGtfsRt(feed: GtfsRtFeed): Uint8Array {
  return rt.FeedMessage.encode(rt.FeedMessage.fromObject(feed)).finish();
}

/**
 * Decode and check a GTFS-Realtime FeedMessage. Throws a ValidationError naming the field (or
 * the protobuf problem) when the bytes are not a valid feed; nothing is returned half-read.
 */
export function decodeGtfsRt(bytes: Uint8Array): GtfsRtFeed {
  let plain: unknown;
  try {
    const msg = rt.FeedMessage.decode(bytes);
    plain = rt.FeedMessage.toObject(msg, { longs: Number, enums: String });
  } catch (err) {
    throw new ValidationError('invalid GTFS-Realtime feed', [{ path: '(protobuf)', message: err instanceof Error ? err.message : String(err) }]);
  }
  const parsed = feedMessageSchema.safeParse(plain);
  if (!parsed.success) throw new ValidationError('invalid GTFS-Realtime feed', issuesOf(parsed.error).slice(0, 20));
  return parsed.data;
}

/** The text of a TranslatedString in a language, or its first translation. */
export function translated(s: { translation: Array<{ text: string; language?: string }> } | undefined, language = 'en'): string {
  if (!s?.translation.length) return '';
  return (s.translation.find((t) => t.language === language) ?? s.translation[0]).text;
}
