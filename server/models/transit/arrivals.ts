import type { GtfsRtFeed, GtfsRtStopTimeUpdate } from '@/lib/gtfs/realtime';
import type { GtfsSchedule, ScheduledTrip } from '@/lib/gtfs/schedule';
import { formatGtfsDate, parseGtfsDate } from '@/lib/gtfs/time';
import type { Queryable } from '../../store/sql';

/** One observed arrival of a trip at a stop, with the time the timetable gave it. */
export interface ArrivalEvent {
  serviceDate: string;
  tripId: string;
  stopSequence: number;
  stopId: string;
  routeId: string;
  scheduledMs: number;
  arrivedMs: number;
}

/** An observation further than this from every scheduled run of the trip belongs to none (a stale or foreign feed). */
const MAX_DEVIATION_MS = 6 * 3600_000;
/** A vehicle not seen for this long is forgotten (its trip ended or the feed dropped it). */
const FORGET_AFTER_MS = 2 * 3600_000;

/** The run (service day) of a trip an observation at stop index k belongs to: the start date, else the nearest. */
function runOf(schedule: GtfsSchedule, trip: ScheduledTrip, startDate: string | undefined, k: number, atMs: number): { day: number; dayStartMs: number } | null {
  const given = startDate ? parseGtfsDate(startDate) : null;
  const days = given !== null ? [given] : [schedule.dayOf(atMs) - 1, schedule.dayOf(atMs)];
  let best: { day: number; dayStartMs: number; off: number } | null = null;
  for (const day of days) {
    const dayStartMs = schedule.dayStartMs(day);
    const off = Math.abs(dayStartMs + trip.arrivals[k] * 1000 - atMs);
    if (!best || off < best.off) best = { day, dayStartMs, off };
  }
  return best && best.off <= MAX_DEVIATION_MS ? best : null;
}

interface Sighting {
  k: number;
  stopped: boolean;
  atMs: number;
}

/**
 * Arrivals from successive VehiclePositions feeds. A bus first seen STOPPED_AT a stop arrived at
 * that sighting (so at most one poll late). Stops it passed between two sightings without being
 * seen stopped (a short dwell between polls) arrived at the last TripUpdates prediction for them,
 * kept within the two sightings, else at a time interpolated along the timetable between them.
 */
export class ArrivalTracker {
  private readonly seen = new Map<string, Sighting>();
  /** Last predicted arrival (ms) per trip and stop sequence, from TripUpdates. */
  private predicted = new Map<string, Map<number, number>>();

  /** Remember the feed's predicted times: once a stop is passed, the feed no longer says when. */
  notePredictions(updates: Iterable<{ tripId: string; updates: readonly GtfsRtStopTimeUpdate[] }>): void {
    // Trips gone from the feed have ended: only the current feed's trips are kept.
    const next = new Map<string, Map<number, number>>();
    for (const p of updates) {
      const m = this.predicted.get(p.tripId) ?? new Map<number, number>();
      for (const u of p.updates) {
        const t = u.arrival?.time ?? u.departure?.time;
        if (u.stopSequence !== undefined && t !== undefined) m.set(u.stopSequence, t * 1000);
      }
      next.set(p.tripId, m);
    }
    this.predicted = next;
  }

  observe(feed: GtfsRtFeed, schedule: GtfsSchedule, fallbackMs: number): ArrivalEvent[] {
    const out: ArrivalEvent[] = [];
    const headerMs = feed.header.timestamp !== undefined ? feed.header.timestamp * 1000 : fallbackMs;
    for (const e of feed.entity) {
      const v = e.vehicle;
      if (!v || e.isDeleted || !v.trip?.tripId) continue;
      const trip = schedule.trip(v.trip.tripId);
      if (!trip) continue;
      const k = v.currentStopSequence !== undefined ? trip.stopSequences.indexOf(v.currentStopSequence) : v.stopId !== undefined ? trip.stopIds.indexOf(v.stopId) : -1;
      if (k < 0) continue;
      const atMs = v.timestamp !== undefined ? v.timestamp * 1000 : headerMs;
      const run = runOf(schedule, trip, v.trip.startDate, k, atMs);
      if (!run) continue;
      const key = `${run.day}|${trip.id}`;
      const before = this.seen.get(key);
      const stopped = v.currentStatus === 'STOPPED_AT';
      const event = (m: number, arrivedMs: number): ArrivalEvent => ({
        serviceDate: formatGtfsDate(run.day),
        tripId: trip.id,
        stopSequence: trip.stopSequences[m],
        stopId: trip.stopIds[m],
        routeId: trip.routeId,
        scheduledMs: run.dayStartMs + trip.arrivals[m] * 1000,
        arrivedMs,
      });
      if (before && before.atMs < atMs && k >= before.k) {
        // Passed since the last sighting: from the stop it was heading to (or the one after the stop it stood at) up to this one.
        const first = before.stopped ? before.k + 1 : before.k;
        const preds = this.predicted.get(trip.id);
        const t0 = trip.arrivals[Math.max(0, first - 1)];
        const span = Math.max(1, trip.arrivals[k] - t0);
        for (let m = first; m < k; m++) {
          const p = preds?.get(trip.stopSequences[m]);
          const interpolated = before.atMs + ((atMs - before.atMs) * (trip.arrivals[m] - t0)) / span;
          out.push(event(m, Math.round(Math.min(atMs, Math.max(before.atMs, p ?? interpolated)))));
        }
      }
      if (stopped && !(before && before.stopped && before.k === k)) out.push(event(k, atMs));
      if (!before || atMs >= before.atMs) this.seen.set(key, { k, stopped, atMs });
    }
    for (const [key, s] of this.seen)
      if (s.atMs < headerMs - FORGET_AFTER_MS) this.seen.delete(key);
    return out;
  }
}

/** Arrivals in one VehiclePositions feed on its own: the buses STOPPED_AT a stop. */
export function arrivalsFromPositions(feed: GtfsRtFeed, schedule: GtfsSchedule, fallbackMs: number): ArrivalEvent[] {
  return new ArrivalTracker().observe(feed, schedule, fallbackMs);
}

/** Store arrivals; one already recorded for the trip's stop that day stays as it was. Returns how many were new. */
export async function saveArrivals(db: Queryable, events: readonly ArrivalEvent[]): Promise<number> {
  if (!events.length) return 0;
  const rows = await db.query<{ n: number }>(
    `with ins as (
       insert into transit_arrival (service_date, trip_id, stop_sequence, stop_id, route_id, scheduled_at, arrived_at)
       select * from unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[])
       on conflict do nothing returning 1)
     select count(*)::int as n from ins`,
    [
      events.map((e) => e.serviceDate),
      events.map((e) => e.tripId),
      events.map((e) => e.stopSequence),
      events.map((e) => e.stopId),
      events.map((e) => e.routeId),
      events.map((e) => new Date(e.scheduledMs).toISOString()),
      events.map((e) => new Date(e.arrivedMs).toISOString()),
    ],
  );
  return rows[0]?.n ?? 0;
}
