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
