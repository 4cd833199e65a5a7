import type { GtfsSchedule, ScheduledTrip } from '@/lib/gtfs/schedule';
import { formatGtfsDate } from '@/lib/gtfs/time';
import type { RouteTimetable } from '@/lib/protocol/transit';

/**
 * A route's timetable for the service day holding `nowMs`: its trips running that day, grouped by
 * direction; stops in the order of the direction's longest trip (others' extra stops after them).
 */
export function routeTimetable(schedule: GtfsSchedule, routeId: string, stopNames: ReadonlyMap<string, string>, nowMs: number): RouteTimetable {
  const day = schedule.dayOf(nowMs);
  const start = schedule.dayStartMs(day);
  const byDirection = new Map<number | null, ScheduledTrip[]>();
  for (const trip of schedule.trips)
    if (trip.routeId === routeId && schedule.runsOn(trip.serviceId, day)) {
      const list = byDirection.get(trip.directionId) ?? [];
      list.push(trip);
      byDirection.set(trip.directionId, list);
    }
  const directions = [...byDirection]
    .sort(([a], [b]) => (a ?? -1) - (b ?? -1))
    .map(([directionId, trips]) => {
      const pattern = trips.reduce((longest, t) => (t.stopIds.length > longest.stopIds.length ? t : longest), trips[0]);
      const times = new Map<string, number[]>(pattern.stopIds.map((id) => [id, []]));
      for (const trip of trips)
        trip.stopIds.forEach((id, k) => {
          const last = k === trip.stopIds.length - 1;
          const list = times.get(id) ?? [];
          list.push(start + (last ? trip.arrivals[k] : trip.departures[k]) * 1000);
          times.set(id, list);
        });
      return {
        directionId,
        headsign: pattern.headsign.slice(0, 256),
        stops: [...times].map(([stopId, t]) => ({
          stopId,
          stopName: (stopNames.get(stopId) ?? stopId).slice(0, 256),
          departures: [...new Set(t)].sort((a, b) => a - b).map((ms) => new Date(ms).toISOString()),
        })),
      };
    });
  return { routeId, serviceDate: formatGtfsDate(day), asOf: new Date(nowMs).toISOString(), directions };
}
