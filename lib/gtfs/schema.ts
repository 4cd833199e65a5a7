import { z } from 'zod';
import { parseGtfsDate, parseGtfsTime } from './time';

/**
 * The GTFS static tables Polis reads and writes (https://gtfs.org/documentation/schedule/reference/),
 * one zod schema per row. Rows arrive as CSV text; empty fields count as absent. Times become
 * seconds since the service day's start, dates stay "YYYYMMDD" text (checked). Coordinates are
 * only required to be numbers here: validateGtfs reports ones out of range, as a problem of the
 * feed, not of its syntax.
 */

const id = z.string().min(1).max(255);
const text = z.string().max(2000);
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const num = z.coerce.number().refine(Number.isFinite, 'must be a number');
const flag = z.enum(['0', '1']).transform((v) => v === '1');
const hex = z.string().regex(/^[0-9A-Fa-f]{6}$/, 'must be a 6-digit hex colour');
const time = z.string().transform((v, ctx) => {
  const s = parseGtfsTime(v);
  if (s === null) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a GTFS time (H:MM:SS)` });
    return z.NEVER;
  }
  return s;
});
const date = z.string().refine((v) => parseGtfsDate(v) !== null, 'must be a date as YYYYMMDD');

export const agencySchema = z.object({
  agency_id: id.optional(),
  agency_name: z.string().min(1).max(255),
  agency_url: z.string().min(1).max(2000),
  agency_timezone: z.string().min(1).max(64),
  agency_lang: z.string().max(35).optional(),
  agency_phone: z.string().max(64).optional(),
});

export const stopSchema = z.object({
  stop_id: id,
  stop_code: text.optional(),
  stop_name: text.optional(),
  stop_desc: text.optional(),
  stop_lat: num.optional(),
  stop_lon: num.optional(),
  zone_id: text.optional(),
  location_type: int(0, 4).optional(),
  parent_station: id.optional(),
  wheelchair_boarding: int(0, 2).optional(),
  platform_code: text.optional(),
});

export const routeSchema = z.object({
  route_id: id,
  agency_id: id.optional(),
  route_short_name: text.optional(),
  route_long_name: text.optional(),
  route_desc: text.optional(),
  /** 0–12 basic types, or the extended route types (100–1799). */
  route_type: int(0, 1799),
  route_url: text.optional(),
  route_color: hex.optional(),
  route_text_color: hex.optional(),
  route_sort_order: int(0, 1_000_000_000).optional(),
});

export const tripSchema = z.object({
  route_id: id,
  service_id: id,
  trip_id: id,
  trip_headsign: text.optional(),
  trip_short_name: text.optional(),
  direction_id: int(0, 1).optional(),
  block_id: id.optional(),
  shape_id: id.optional(),
  wheelchair_accessible: int(0, 2).optional(),
  bikes_allowed: int(0, 2).optional(),
});

export const stopTimeSchema = z.object({
  trip_id: id,
  /** Seconds since the service day's start; absent between timepoints. */
  arrival_time: time.optional(),
  departure_time: time.optional(),
  stop_id: id,
  stop_sequence: int(0, 1_000_000_000),
  stop_headsign: text.optional(),
  pickup_type: int(0, 3).optional(),
  drop_off_type: int(0, 3).optional(),
  shape_dist_traveled: num.optional(),
  timepoint: int(0, 1).optional(),
});

export const calendarSchema = z.object({
  service_id: id,
  monday: flag,
  tuesday: flag,
  wednesday: flag,
  thursday: flag,
  friday: flag,
  saturday: flag,
  sunday: flag,
  start_date: date,
  end_date: date,
});

export const calendarDateSchema = z.object({
  service_id: id,
  date,
  /** 1: service added on this date, 2: removed. */
  exception_type: z.enum(['1', '2']).transform(Number),
});

export const shapePointSchema = z.object({
  shape_id: id,
  shape_pt_lat: num,
  shape_pt_lon: num,
  shape_pt_sequence: int(0, 1_000_000_000),
  shape_dist_traveled: num.optional(),
});

export const feedInfoSchema = z.object({
  feed_publisher_name: z.string().min(1).max(255),
  feed_publisher_url: z.string().min(1).max(2000),
  feed_lang: z.string().min(1).max(35),
  feed_start_date: date.optional(),
  feed_end_date: date.optional(),
  feed_version: text.optional(),
});

/** Each table: its file in the zip, its row schema, and whether a feed must have it. */
export const gtfsTables = {
  agency: { file: 'agency.txt', schema: agencySchema, required: true },
  stops: { file: 'stops.txt', schema: stopSchema, required: true },
  routes: { file: 'routes.txt', schema: routeSchema, required: true },
  trips: { file: 'trips.txt', schema: tripSchema, required: true },
  stopTimes: { file: 'stop_times.txt', schema: stopTimeSchema, required: true },
  calendar: { file: 'calendar.txt', schema: calendarSchema, required: false },
  calendarDates: { file: 'calendar_dates.txt', schema: calendarDateSchema, required: false },
  shapes: { file: 'shapes.txt', schema: shapePointSchema, required: false },
  feedInfo: { file: 'feed_info.txt', schema: feedInfoSchema, required: false },
} as const;
export type GtfsTableName = keyof typeof gtfsTables;

export const gtfsFeedSchema = z.object({
  agency: z.array(agencySchema),
  stops: z.array(stopSchema),
  routes: z.array(routeSchema),
  trips: z.array(tripSchema),
  stopTimes: z.array(stopTimeSchema),
  calendar: z.array(calendarSchema),
  calendarDates: z.array(calendarDateSchema),
  shapes: z.array(shapePointSchema),
  feedInfo: z.array(feedInfoSchema),
});

export type GtfsAgency = z.infer<typeof agencySchema>;
export type GtfsStop = z.infer<typeof stopSchema>;
export type GtfsRoute = z.infer<typeof routeSchema>;
export type GtfsTrip = z.infer<typeof tripSchema>;
export type GtfsStopTime = z.infer<typeof stopTimeSchema>;
export type GtfsCalendar = z.infer<typeof calendarSchema>;
export type GtfsCalendarDate = z.infer<typeof calendarDateSchema>;
export type GtfsShapePoint = z.infer<typeof shapePointSchema>;
export type GtfsFeedInfo = z.infer<typeof feedInfoSchema>;
/** A parsed GTFS feed: every table's rows, typed (absent optional tables are empty). */
export type GtfsFeed = z.infer<typeof gtfsFeedSchema>;
