import { z } from 'zod';
import { lonLatSchema } from '../domain/road';

const isoDateTime = z.iso.datetime({ offset: true });
const gtfsId = z.string().min(1).max(128);
const hexColour = z.string().regex(/^[0-9A-Fa-f]{6}$/, 'must be a 6-digit hex colour');

/** Public transit as the model services know it from GTFS static (GET /v1/transit/network). */
export const transitRouteSchema = z.object({
  id: gtfsId,
  shortName: z.string().max(64),
  longName: z.string().max(256),
  /** GTFS route_color / route_text_color, without '#'. */
  color: hexColour,
  textColor: hexColour,
});
export const transitShapeSchema = z.object({ id: gtfsId, routeId: gtfsId, path: z.array(lonLatSchema).min(2).max(20_000) });
export const transitStopSchema = z.object({ id: gtfsId, name: z.string().min(1).max(256), location: lonLatSchema });
export const transitNetworkSchema = z.object({
  agency: z.string().max(256),
  routes: z.array(transitRouteSchema),
  shapes: z.array(transitShapeSchema),
  stops: z.array(transitStopSchema),
});
export type TransitRoute = z.infer<typeof transitRouteSchema>;
export type TransitShape = z.infer<typeof transitShapeSchema>;
export type TransitStop = z.infer<typeof transitStopSchema>;
export type TransitNetwork = z.infer<typeof transitNetworkSchema>;

/** One bus now (from GTFS-Realtime VehiclePositions + TripUpdates), keyed by vehicle id. */
export const vehicleSchema = z.object({
  routeId: gtfsId,
  tripId: gtfsId,
  location: lonLatSchema,
  /** Direction of travel, degrees clockwise from north. */
  bearing: z.number().min(0).max(360),
  speedKmh: z.number().min(0).max(200).optional(),
  /** Seconds behind (positive) or ahead of (negative) the timetable. */
  delayS: z.number().min(-3600).max(4 * 3600),
  nextStopId: gtfsId.nullable(),
  status: z.enum(['INCOMING_AT', 'STOPPED_AT', 'IN_TRANSIT_TO']),
  observedAt: isoDateTime,
});
export type Vehicle = z.infer<typeof vehicleSchema>;

/** One bus due at a stop (GET /v1/transit/stops/{id}/arrivals), from GTFS static + TripUpdates. */
export const transitArrivalSchema = z.object({
  tripId: gtfsId,
  routeId: gtfsId,
  headsign: z.string().max(256),
  scheduledAt: isoDateTime,
  /** Predicted arrival: scheduled plus the trip's current delay (or the feed's own time), else scheduled. */
  predictedAt: isoDateTime,
  /** Seconds late (positive) or early; null when no real-time data covers this trip. */
  delayS: z.number().min(-3600).max(4 * 3600).nullable(),
  vehicleId: z.string().max(128).nullable(),
});
export const stopArrivalsSchema = z.object({
  stopId: gtfsId,
  stopName: z.string().max(256),
  /** The time the arrivals are counted from: the newest real-time feed's, or the server's clock. */
  asOf: isoDateTime,
  arrivals: z.array(transitArrivalSchema),
});
export const arrivalsQuerySchema = z.object({
  /** Look this far ahead, minutes. */
  minutes: z.coerce.number().int().min(1).max(24 * 60).default(90),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});
export type TransitArrival = z.infer<typeof transitArrivalSchema>;
export type StopArrivals = z.infer<typeof stopArrivalsSchema>;

/** A public service alert (GTFS-Realtime Alerts), as GET /v1/transit/alerts lists them. */
export const transitAlertSchema = z.object({
  id: z.string().min(1).max(256),
  cause: z.string().max(64),
  effect: z.string().max(64),
  severity: z.enum(['info', 'warning', 'severe', 'unknown']),
  /** In the feed's English (or its first language). */
  header: z.string().max(1000),
  description: z.string().max(5000),
  /** The same in the other languages the feed gives (GTFS-RT TranslatedString), by BCP 47 tag: the public view shows its reader's. */
  translations: z.record(z.string().max(35), z.object({ header: z.string().max(1000), description: z.string().max(5000) })).optional(),
  routeIds: z.array(gtfsId),
  stopIds: z.array(gtfsId),
  tripIds: z.array(gtfsId),
  activeFrom: isoDateTime.nullable(),
  activeUntil: isoDateTime.nullable(),
});
export const transitAlertsSchema = z.object({ asOf: isoDateTime.nullable(), alerts: z.array(transitAlertSchema) });
export type TransitAlert = z.infer<typeof transitAlertSchema>;
export type TransitAlerts = z.infer<typeof transitAlertsSchema>;

const feedStatusSchema = z.object({
  url: z.string(),
  /** When a feed was last accepted, and the feed's own timestamp then. */
  lastOkAt: isoDateTime.nullable(),
  feedTime: isoDateTime.nullable(),
  accepted: z.number().int().min(0),
  /** Feeds refused (unreachable, not protobuf, invalid): none of them changed anything. */
  refused: z.number().int().min(0),
  lastError: z.string().nullable(),
});
/** GET /v1/transit/status: where transit data comes from and how its ingest is going. */
export const transitStatusSchema = z.object({
  static: feedStatusSchema.extend({
    /** Counts of the feed in use (from the store after a restart), or null before any. */
    routes: z.number().int().min(0).nullable(),
    stops: z.number().int().min(0).nullable(),
    trips: z.number().int().min(0).nullable(),
  }),
  vehiclePositions: feedStatusSchema,
  tripUpdates: feedStatusSchema,
  alerts: feedStatusSchema,
});
export type TransitFeedStatus = z.infer<typeof feedStatusSchema>;
export type TransitStatus = z.infer<typeof transitStatusSchema>;

/**
 * A route's timetable for today's service day (GET /v1/transit/routes/{id}/timetable): per
 * direction, its stops in trip order, each with the day's scheduled departures (arrival at the last stop).
 */
export const routeTimetableSchema = z.object({
  routeId: gtfsId,
  /** The service day, YYYYMMDD, in the agency's zone. */
  serviceDate: z.string().regex(/^\d{8}$/),
  /** The time "today" and "next" are counted from: the newest real-time feed's, or the server's clock. */
  asOf: isoDateTime,
  directions: z
    .array(
      z.object({
        directionId: z.number().int().min(0).max(1).nullable(),
        headsign: z.string().max(256),
        stops: z.array(z.object({ stopId: gtfsId, stopName: z.string().max(256), departures: z.array(isoDateTime).max(2000) })).max(1000),
      }),
    )
    .max(8),
});
export type RouteTimetable = z.infer<typeof routeTimetableSchema>;
