import { describe, expect, it } from 'vitest';
import { GtfsSchedule, type ScheduledTrip } from '@/lib/gtfs/schedule';
import { generateCity } from '../city';
import { BusFleet, type Bus, type TripPath } from './buses';
import { generateTransit } from './generate';
import { distanceAlong, geometryFromSegments, toLocal } from './geometry';

const STEP = 10_000;
const MONDAY_0600 = Date.parse('2026-01-05T06:00:00Z');

/** One route's first weekday trip after 06:00, run alone with the given traffic speed on each segment. */
function runTrip(trafficKmh: (segment: number, city: ReturnType<typeof generateCity>) => number): { bus: Bus; trip: ScheduledTrip } {
  const city = generateCity({ seed: 42, size: 2000 });
  const { feed, shapeSegments } = generateTransit(city, 42);
  const tripId = feed.trips.find((t) => t.route_id === '1' && t.direction_id === 0 && t.service_id === 'WD' && t.trip_id > '1-0-WD-0600')?.trip_id;
  feed.trips = feed.trips.filter((t) => t.trip_id === tripId);
  const schedule = new GtfsSchedule(feed);
  const local = toLocal(city);
  const stops = new Map(feed.stops.map((s) => [s.stop_id, local([s.stop_lon ?? 0, s.stop_lat ?? 0])]));
  const pathOf = (trip: ScheduledTrip): TripPath => {
    const geometry = geometryFromSegments(city, shapeSegments.get(trip.shapeId ?? '') ?? []);
    let from = 0;
    return { geometry, stopDist: trip.stopIds.map((s) => (from = distanceAlong(geometry, stops.get(s) ?? [0, 0], from))) };
  };
  const fleet = new BusFleet(schedule, pathOf, 1);
  let done: Bus | undefined;
  fleet.onTripEnd = (b) => (done = b);
  fleet.step(MONDAY_0600, () => 50);
  for (let t = MONDAY_0600 + STEP; !done && t < MONDAY_0600 + 6 * 3600_000; t += STEP) fleet.step(t, (s) => trafficKmh(s, city));
  if (!done) throw new Error('the trip never finished');
  return { bus: done, trip: schedule.trips[0] };
}

describe('buses in traffic', () => {
  it('keep to the timetable in free-flowing traffic, never leaving a stop early', () => {
    const { bus, trip } = runTrip((s, city) => city.segments[s].freeFlowKmh);
    const lastArrival = bus.run.dayStartMs + trip.arrivals[trip.arrivals.length - 1] * 1000;
    expect(Math.abs(bus.arrivedAt[bus.arrivedAt.length - 1] - lastArrival)).toBeLessThan(60_000);
  });

  it('run late when the segments they cross are congested', () => {
    const free = runTrip((s, city) => city.segments[s].freeFlowKmh).bus;
    const jammed = runTrip((s, city) => city.segments[s].freeFlowKmh * 0.3).bus;
    const end = (b: Bus) => b.arrivedAt[b.arrivedAt.length - 1];
    expect(end(jammed) - end(free)).toBeGreaterThan(5 * 60_000);
  });

  it('reach every stop in order', () => {
    const { bus, trip } = runTrip((s, city) => city.segments[s].freeFlowKmh);
    expect(bus.arrivedAt).toHaveLength(trip.stopIds.length);
    for (let k = 1; k < bus.arrivedAt.length; k++) expect(bus.arrivedAt[k]).toBeGreaterThan(bus.arrivedAt[k - 1]);
  });
});
