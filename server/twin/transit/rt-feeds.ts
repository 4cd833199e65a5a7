import { formatGtfsDate } from '@/lib/gtfs/time';
import type { GtfsRtAlert, GtfsRtFeed } from '@/lib/gtfs/realtime';
import type { BusView } from './buses';

const header = (atMs: number): GtfsRtFeed['header'] => ({ gtfsRealtimeVersion: '2.0', incrementality: 'FULL_DATASET', timestamp: Math.floor(atMs / 1000) });
const posix = (ms: number) => Math.round(ms / 1000);
/** GTFS-RT names the service day by its date; a day starts at noon minus 12 h, so noon is on it. */
const startDate = (bus: BusView) => formatGtfsDate(Math.floor((bus.serviceDayStartMs + 12 * 3600_000) / 86_400_000));

function tripDescriptor(bus: BusView) {
  return { tripId: bus.trip.id, routeId: bus.trip.routeId, ...(bus.trip.directionId !== null ? { directionId: bus.trip.directionId } : {}), startDate: startDate(bus), scheduleRelationship: 'SCHEDULED' as const };
}

/** GTFS-Realtime VehiclePositions: where every bus is, which way it heads, the stop it is at or going to. */
export function vehiclePositionsFeed(buses: readonly BusView[], atMs: number): GtfsRtFeed {
  return {
    header: header(atMs),
    entity: buses.map((b) => ({
      id: b.vehicleId,
      vehicle: {
        trip: tripDescriptor(b),
        vehicle: { id: b.vehicleId, label: b.vehicleId },
        position: { latitude: b.location[1], longitude: b.location[0], bearing: b.bearing, speed: Math.round((b.speedKmh / 3.6) * 10) / 10 },
        currentStopSequence: b.trip.stopSequences[b.stopIndex],
        stopId: b.trip.stopIds[b.stopIndex],
        currentStatus: b.status,
        timestamp: posix(atMs),
      },
    })),
  };
}

/**
 * GTFS-Realtime TripUpdates: each running trip's current delay, propagated unchanged to every
 * stop still ahead (a simple, common prediction; the model services may refine it).
 */
export function tripUpdatesFeed(buses: readonly BusView[], atMs: number): GtfsRtFeed {
  return {
    header: header(atMs),
    entity: buses.map((b) => {
      const { trip } = b;
      const base = b.serviceDayStartMs;
      const updates = [];
      for (let k = b.stopIndex; k < trip.stopIds.length; k++) {
        // A bus standing at a stop has arrived there; what is ahead is its departure.
        const arrival = k === b.stopIndex && b.status === 'STOPPED_AT' ? undefined : { delay: b.delayS, time: posix(base + trip.arrivals[k] * 1000) + b.delayS };
        const departure = k === trip.stopIds.length - 1 ? undefined : { delay: b.delayS, time: posix(base + trip.departures[k] * 1000) + b.delayS };
        updates.push({ stopSequence: trip.stopSequences[k], stopId: trip.stopIds[k], ...(arrival ? { arrival } : {}), ...(departure ? { departure } : {}), scheduleRelationship: 'SCHEDULED' as const });
      }
      return {
        id: `${trip.id}-${startDate(b)}`,
        tripUpdate: { trip: tripDescriptor(b), vehicle: { id: b.vehicleId, label: b.vehicleId }, timestamp: posix(atMs), delay: b.delayS, stopTimeUpdate: updates },
      };
    }),
  };
}

export interface ServiceAlert {
  id: string;
  alert: GtfsRtAlert;
}

export function alertsFeed(alerts: readonly ServiceAlert[], atMs: number): GtfsRtFeed {
  return { header: header(atMs), entity: alerts.map((a) => ({ id: a.id, alert: a.alert })) };
}
