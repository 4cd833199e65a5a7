import type { LonLat } from '@/lib/domain/road';
import type { GtfsSchedule, ScheduledTrip, TripRun } from '@/lib/gtfs/schedule';
import { Random } from '../random';
import { pieceAt, pointAt, type PathGeometry } from './geometry';
import { busSpeedMs } from './speeds';

/** Seconds a bus stands at a stop: boarding, plus a random share for busy stops. */
const DWELL_MIN_S = 15;
const DWELL_SPREAD_S = 15;
/** Within this of the next stop a bus is INCOMING_AT it. */
const INCOMING_M = 60;
/** A trip this late is given up (the bus is taken out of service) rather than run forever. */
const ABANDON_LATE_S = 2 * 3600;

/** Where a trip runs: its path, and each of its stops' distance along it. */
export interface TripPath {
  geometry: PathGeometry;
  stopDist: number[];
}

export type BusStatus = 'INCOMING_AT' | 'STOPPED_AT' | 'IN_TRANSIT_TO';

/** One bus in service, running one trip. */
export interface Bus {
  vehicleId: string;
  run: TripRun;
  path: TripPath;
  /** Metres along the path. */
  dist: number;
  piece: number;
  /** Index of the stop the bus stands at (dwelling) or drives to. */
  k: number;
  /** While standing at stop k: when it leaves (ms). */
  dwellUntil: number | null;
  speedMs: number;
  /** When the bus reached each stop so far (ms), for tests and arrival accuracy. */
  arrivedAt: number[];
}

export interface BusView {
  vehicleId: string;
  trip: ScheduledTrip;
  serviceDayStartMs: number;
  location: LonLat;
  bearing: number;
  speedKmh: number;
  status: BusStatus;
  /** Index of the stop in the trip that the status refers to. */
  stopIndex: number;
  /** Seconds behind (positive) or ahead of the timetable now. */
  delayS: number;
}

/**
 * The buses of a timetable, moving along their trips' paths at the traffic's speed on the segment
 * under them (busSpeedMs), standing at stops, and never leaving a stop before its scheduled
 * departure. A bus caught in congestion therefore runs late, and the lateness carries on.
 */
export class BusFleet {
  private readonly buses = new Map<string, Bus>();
  private readonly freeIds = new Map<string, string[]>();
  private readonly fleetSize = new Map<string, number>();
  private readonly rng: Random;
  private time: number | null = null;
  /** Told of every bus leaving service, with the times it reached each stop. */
  onTripEnd?: (bus: Bus) => void;

  constructor(
    private readonly schedule: GtfsSchedule,
    private readonly pathOf: (trip: ScheduledTrip) => TripPath,
    seed: number,
  ) {
    this.rng = new Random(seed ^ 0x3c6ef372);
  }

  get now(): number | null {
    return this.time;
  }

  /** Advance every bus to `toMs`, putting trips into service as their departure comes. */
  step(toMs: number, trafficKmh: (segment: number) => number): void {
    const from = this.time;
    if (from === null) for (const run of this.schedule.runningAt(toMs)) this.place(run, toMs);
    else {
      for (const run of this.schedule.startingBetween(from, toMs)) this.start(run);
      for (const bus of this.buses.values()) this.advance(bus, from, toMs, trafficKmh);
    }
    this.time = toMs;
    for (const [key, bus] of this.buses)
      if (bus.k >= bus.run.trip.stopIds.length || this.delayOf(bus, toMs) > ABANDON_LATE_S) {
        this.buses.delete(key);
        this.release(bus);
        this.onTripEnd?.(bus);
      }
  }

  private key(run: TripRun): string {
    return `${run.trip.id}@${run.dayStartMs}`;
  }

  private vehicleFor(routeId: string): string {
    const free = this.freeIds.get(routeId);
    if (free?.length) return free.shift() as string;
    const n = (this.fleetSize.get(routeId) ?? 0) + 1;
    this.fleetSize.set(routeId, n);
    return `${routeId}-${String(n).padStart(2, '0')}`;
  }

  private release(bus: Bus): void {
    const free = this.freeIds.get(bus.run.trip.routeId) ?? [];
    free.push(bus.vehicleId);
    free.sort();
    this.freeIds.set(bus.run.trip.routeId, free);
  }

  /** A trip about to leave its first stop: the bus waits there until its departure. */
  private start(run: TripRun): void {
    if (this.buses.has(this.key(run))) return;
    const path = this.pathOf(run.trip);
    const dep = run.dayStartMs + run.trip.departures[0] * 1000;
    this.buses.set(this.key(run), { vehicleId: this.vehicleFor(run.trip.routeId), run, path, dist: path.stopDist[0], piece: 0, k: 0, dwellUntil: dep, speedMs: 0, arrivedAt: [dep] });
  }

  /** A trip already under way when the fleet starts: put its bus where the timetable says. */
  private place(run: TripRun, atMs: number): void {
    const { trip } = run;
    const path = this.pathOf(trip);
    const s = (atMs - run.dayStartMs) / 1000;
    let k = 0;
    while (k < trip.stopIds.length - 1 && trip.arrivals[k + 1] <= s) k++;
    const bus: Bus = { vehicleId: this.vehicleFor(trip.routeId), run, path, dist: path.stopDist[k], piece: 0, k, dwellUntil: null, speedMs: 0, arrivedAt: [] };
    if (s <= trip.departures[k] || k === trip.stopIds.length - 1) bus.dwellUntil = run.dayStartMs + trip.departures[k] * 1000;
    else {
      const span = trip.arrivals[k + 1] - trip.departures[k] || 1;
      const f = (s - trip.departures[k]) / span;
      bus.dist = path.stopDist[k] + f * (path.stopDist[k + 1] - path.stopDist[k]);
      bus.k = k + 1;
    }
    bus.piece = pieceAt(path.geometry, bus.dist);
    this.buses.set(this.key(run), bus);
  }

  private arrive(bus: Bus, now: number): void {
    const { trip } = bus.run;
    bus.arrivedAt[bus.k] = now;
    bus.dist = bus.path.stopDist[bus.k];
    if (bus.k === trip.stopIds.length - 1) {
      bus.k++;
      bus.dwellUntil = null;
      return;
    }
    const dwell = (DWELL_MIN_S + DWELL_SPREAD_S * this.rng.next()) * 1000;
    bus.dwellUntil = Math.max(now + dwell, bus.run.dayStartMs + trip.departures[bus.k] * 1000);
  }

  private advance(bus: Bus, fromMs: number, toMs: number, trafficKmh: (segment: number) => number): void {
    const g = bus.path.geometry;
    const last = bus.run.trip.stopIds.length - 1;
    let now = fromMs;
    while (now < toMs && bus.k <= last) {
      if (bus.dwellUntil !== null) {
        if (bus.dwellUntil >= toMs) {
          bus.speedMs = 0;
          return;
        }
        now = Math.max(now, bus.dwellUntil);
        bus.dwellUntil = null;
        bus.k++;
        continue;
      }
      const target = bus.path.stopDist[bus.k];
      const piece = pieceAt(g, bus.dist, bus.piece);
      bus.piece = piece;
      const seg = g.seg[piece];
      const v = busSpeedMs(seg >= 0 ? trafficKmh(seg) : null);
      bus.speedMs = v;
      const goal = Math.min(target, g.cum[piece + 1]);
      const need = (Math.max(0, goal - bus.dist) / v) * 1000;
      if (now + need <= toMs) {
        now += need;
        bus.dist = goal;
        if (goal >= target - 1e-6) this.arrive(bus, now);
        else bus.piece = Math.min(piece + 1, g.seg.length - 1);
      } else {
        bus.dist += (v * (toMs - now)) / 1000;
        now = toMs;
      }
    }
  }

  /** Seconds behind the timetable: at a stop, by when it will leave; between stops, by where it is. */
  private delayOf(bus: Bus, now: number): number {
    const { trip, dayStartMs } = bus.run;
    const k = Math.min(bus.k, trip.stopIds.length - 1);
    if (bus.dwellUntil !== null) return Math.round((bus.dwellUntil - (dayStartMs + trip.departures[k] * 1000)) / 1000);
    if (k === 0) return 0;
    const [d0, d1] = [bus.path.stopDist[k - 1], bus.path.stopDist[k]];
    const f = d1 > d0 ? Math.max(0, Math.min(1, (bus.dist - d0) / (d1 - d0))) : 1;
    const scheduled = dayStartMs + (trip.departures[k - 1] + f * (trip.arrivals[k] - trip.departures[k - 1])) * 1000;
    return Math.round((now - scheduled) / 1000);
  }

  /** Every bus in service now. */
  view(): BusView[] {
    const now = this.time ?? 0;
    const out: BusView[] = [];
    for (const bus of this.buses.values()) {
      const { trip } = bus.run;
      const k = Math.min(bus.k, trip.stopIds.length - 1);
      const at = pointAt(bus.path.geometry, bus.dist, bus.piece);
      const status: BusStatus = bus.dwellUntil !== null ? 'STOPPED_AT' : bus.path.stopDist[k] - bus.dist < INCOMING_M ? 'INCOMING_AT' : 'IN_TRANSIT_TO';
      out.push({
        vehicleId: bus.vehicleId,
        trip,
        serviceDayStartMs: bus.run.dayStartMs,
        location: at.lonLat,
        bearing: at.bearing,
        speedKmh: Math.round(bus.speedMs * 3.6 * 10) / 10,
        status,
        stopIndex: k,
        delayS: this.delayOf(bus, now),
      });
    }
    return out.sort((a, b) => (a.vehicleId < b.vehicleId ? -1 : 1));
  }

  /** The bus running a trip on a service day, if any (tests read its arrival times). */
  bus(tripId: string): Bus | undefined {
    for (const b of this.buses.values()) if (b.run.trip.id === tripId) return b;
    return undefined;
  }
}
