import type { ScheduledTrip } from '@/lib/gtfs/schedule';

/**
 * Arrival prediction: a trip's current delay carried along the trip, growing (or shrinking) at the
 * rate its route's buses are losing time to congestion, and never leaving a stop early (a bus ahead
 * of time waits at the next stop). The rate for a leg blends what buses on the route lose now with
 * what they usually lose at the hour the leg will run (a profile by hour of weekday, Saturday or
 * Sunday, learnt as feeds arrive), trusting "now" for near legs and the profile for legs further ahead.
 */

/**
 * Seconds of delay gained per second of real time; beyond these a sample is noise (a feed gap, a
 * re-route). A bus standing in a jam gains 1 s a second, the most it can.
 */
const MIN_RATE = -0.5;
const MAX_RATE = 1;
/** A delay change over less time than this says little (the delay is rounded to seconds). */
const MIN_SAMPLE_S = 20;
/** Weight of a new sample in a route's current totals (exponential moving average). */
const ALPHA = 0.15;
/** How far ahead "now" is still trusted: its weight falls as e^(-lead / this). */
const NOW_HORIZON_S = 1800;

/** Delay gained over the real time it took; the rate per scheduled second is gained / (elapsed - gained). */
interface Gain {
  gained: number;
  elapsed: number;
}
/**
 * Rate per second of scheduled running, as propagateDelay applies it to the timetable's legs: a bus
 * that took 130 s for a 100-second leg gained 0.3 s a scheduled second, 0.23 s a real one. Ratios of
 * sums, not means of ratios, so a bus stuck in a jam (nearly no scheduled progress) counts by the
 * time it lost, not as an infinite rate.
 */
const perScheduledSecond = (g: Gain) => {
  const scheduled = g.elapsed - g.gained;
  return scheduled > 0 ? Math.min(g.gained / scheduled, 10) : 10;
};

export interface TripPosition {
  /** Index in the trip of the stop the bus stands at (stopped) or drives to. */
  stopIndex: number;
  stopped: boolean;
  /** Seconds late (positive) now; at a stop, by when it will leave. */
  delayS: number;
  /** When that delay was observed (ms). */
  atMs: number;
}

interface TripSeen {
  delayS: number;
  atMs: number;
}

/** Per route, how fast its buses are losing time: now (a moving average) and by hour of the day. */
export class DelayTrends {
  private readonly trips = new Map<string, TripSeen>();
  private readonly current = new Map<string, Gain>();
  private readonly profile = new Map<string, Gain & { n: number }>();

  /** One trip's delay at a time; successive observations of the same trip make a rate sample. */
  observe(tripId: string, routeId: string, delayS: number, atMs: number): void {
    const before = this.trips.get(tripId);
    if (before && atMs - before.atMs < MIN_SAMPLE_S * 1000) return;
    this.trips.set(tripId, { delayS, atMs });
    // An early bus waiting for its time gains "delay" without any congestion: not a sample.
    if (!before || before.delayS < 0 || delayS < 0) return;
    const gained = delayS - before.delayS;
    const elapsed = (atMs - before.atMs) / 1000;
    const rate = gained / elapsed;
    if (!(rate >= MIN_RATE && rate <= MAX_RATE)) return;
    const now = this.current.get(routeId);
    this.current.set(routeId, now === undefined ? { gained, elapsed } : { gained: now.gained + ALPHA * (gained - now.gained), elapsed: now.elapsed + ALPHA * (elapsed - now.elapsed) });
    const key = `${routeId}@${hourOfWeek(before.atMs)}`;
    const p = this.profile.get(key) ?? { gained: 0, elapsed: 0, n: 0 };
    p.gained += gained;
    p.elapsed += elapsed;
    p.n++;
    this.profile.set(key, p);
  }

  /** Forget trips not seen since `beforeMs` (finished or cancelled), so the map does not grow. */
  forget(beforeMs: number): void {
    for (const [id, seen] of this.trips) if (seen.atMs < beforeMs) this.trips.delete(id);
  }

  /** The rate to expect on a leg of the route that runs at `atMs`, predicted `leadS` ahead. */
  rate(routeId: string, atMs: number, leadS: number): number {
    const g = this.current.get(routeId);
    const now = g && perScheduledSecond(g);
    const p = this.profile.get(`${routeId}@${hourOfWeek(atMs)}`);
    const usual = p && p.n >= 5 ? perScheduledSecond(p) : undefined;
    if (now === undefined) return usual ?? 0;
    if (usual === undefined) return now;
    const w = Math.exp(-Math.max(0, leadS) / NOW_HORIZON_S);
    return w * now + (1 - w) * usual;
  }
}

/** Weekdays share one profile (Monday teaches Tuesday), Saturdays and Sundays their own; by UTC hour. */
const hourOfWeek = (ms: number) => {
  const d = new Date(ms);
  const day = d.getUTCDay();
  return `${day === 0 ? 'sun' : day === 6 ? 'sat' : 'wd'}${d.getUTCHours()}`;
};

/**
 * Predicted arrival delay (seconds) at each stop of the trip from the bus's position on:
 * index i of the result is stop `position.stopIndex + i` (or + i + 1 when the bus stands at it,
 * having arrived already).
 */
export function propagateDelay(
  trip: ScheduledTrip,
  dayStartMs: number,
  position: TripPosition,
  rate: (atMs: number, leadS: number) => number,
): number[] {
  const out: number[] = [];
  const n = trip.stopIds.length;
  const sched = (s: number) => dayStartMs + s * 1000;
  let k = position.stopIndex;
  // Delay at the last point we know, and the scheduled time that point stands for.
  let delay = position.delayS;
  let schedAt = position.atMs - delay * 1000;
  if (position.stopped) {
    schedAt = sched(trip.departures[k]);
    k++;
  }
  for (; k < n; k++) {
    const legS = Math.max(0, (sched(trip.arrivals[k]) - schedAt) / 1000);
    const when = schedAt + delay * 1000;
    delay += rate(when, (when - position.atMs) / 1000) * legS;
    out.push(delay);
    // It leaves no earlier than its timetable says: being early is used up at the stop.
    delay = Math.max(0, delay);
    schedAt = sched(trip.departures[k]);
  }
  return out;
}
