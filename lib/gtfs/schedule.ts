import type { GtfsFeed } from './schema';
import { parseGtfsDate } from './time';

const DAY_MS = 86_400_000;

/** One trip with its stop times in stop_sequence order, times in seconds of its service day. */
export interface ScheduledTrip {
  index: number;
  id: string;
  routeId: string;
  serviceId: string;
  shapeId: string | null;
  headsign: string;
  directionId: number | null;
  stopIds: string[];
  stopSequences: number[];
  /** Arrival and departure per stop; gaps between timepoints are interpolated. */
  arrivals: number[];
  departures: number[];
}

/** A trip on one service day: `dayStartMs` is that day's "noon minus 12 h" in the agency's zone. */
export interface TripRun {
  trip: ScheduledTrip;
  dayStartMs: number;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
export function zoneOffsetMs(timeZone: string, atMs: number): number {
  if (timeZone === 'Etc/UTC' || timeZone === 'UTC') return 0;
  let fmt = offsetFormats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    offsetFormats.set(timeZone, fmt);
  }
  const p: Record<string, number> = {};
  for (const part of fmt.formatToParts(new Date(atMs))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(atMs / 1000) * 1000;
}

/** Interpolate missing times between timepoints by position in the trip (no shape distance needed). */
function fillTimes(arr: (number | undefined)[], dep: (number | undefined)[]): { arrivals: number[]; departures: number[] } {
  const n = arr.length;
  const a = arr.map((v, i) => v ?? dep[i]);
  const d = dep.map((v, i) => v ?? arr[i]);
  let last = 0;
  for (let i = 0; i < n; i++) {
    if (a[i] !== undefined) {
      last = i;
      continue;
    }
    let next = i + 1;
    while (next < n && a[next] === undefined) next++;
    const t0 = d[last] ?? 0;
    const t1 = next < n ? (a[next] ?? t0) : t0;
    const v = Math.round(t0 + ((t1 - t0) * (i - last)) / (next - last));
    a[i] = v;
    d[i] = v;
  }
  return { arrivals: a as number[], departures: d as number[] };
}

/**
 * A feed's timetable, indexed for questions in real time: which trips run now, which start in a
 * window, which call at a stop soon. Service days follow calendar.txt and calendar_dates.txt in
 * the agency's time zone; a day's times may pass 24:00:00.
 */
export class GtfsSchedule {
  readonly trips: ScheduledTrip[];
  readonly timeZone: string;
  private readonly byId = new Map<string, ScheduledTrip>();
  private readonly byStop = new Map<string, Array<{ trip: ScheduledTrip; k: number }>>();
  private readonly weekly = new Map<string, { days: boolean[]; from: number; to: number }>();
  private readonly exceptions = new Map<string, Map<number, number>>();
  /** Latest end of any trip, in seconds of its service day (over 24 h for after-midnight trips). */
  private readonly maxEndS: number;

  constructor(feed: GtfsFeed) {
    this.timeZone = feed.agency[0]?.agency_timezone ?? 'Etc/UTC';
    for (const c of feed.calendar)
      this.weekly.set(c.service_id, {
        // Indexed by getUTCDay(): Sunday first.
        days: [c.sunday, c.monday, c.tuesday, c.wednesday, c.thursday, c.friday, c.saturday],
        from: parseGtfsDate(c.start_date) ?? 0,
        to: parseGtfsDate(c.end_date) ?? 0,
      });
    for (const d of feed.calendarDates) {
      let m = this.exceptions.get(d.service_id);
      if (!m) this.exceptions.set(d.service_id, (m = new Map()));
      m.set(parseGtfsDate(d.date) ?? 0, d.exception_type);
    }
    const times = new Map<string, GtfsFeed['stopTimes']>();
    for (const st of feed.stopTimes) {
      let list = times.get(st.trip_id);
      if (!list) times.set(st.trip_id, (list = []));
      list.push(st);
    }
    const trips: ScheduledTrip[] = [];
    for (const t of feed.trips) {
      const sts = (times.get(t.trip_id) ?? []).sort((a, b) => a.stop_sequence - b.stop_sequence);
      if (sts.length < 2) continue;
      const { arrivals, departures } = fillTimes(
        sts.map((s) => s.arrival_time),
        sts.map((s) => s.departure_time),
      );
      trips.push({
        index: 0,
        id: t.trip_id,
        routeId: t.route_id,
        serviceId: t.service_id,
        shapeId: t.shape_id ?? null,
        headsign: t.trip_headsign ?? '',
        directionId: t.direction_id ?? null,
        stopIds: sts.map((s) => s.stop_id),
        stopSequences: sts.map((s) => s.stop_sequence),
        arrivals,
        departures,
      });
    }
    trips.sort((a, b) => a.departures[0] - b.departures[0]);
    trips.forEach((t, i) => {
      t.index = i;
      this.byId.set(t.id, t);
      t.stopIds.forEach((s, k) => {
        let list = this.byStop.get(s);
        if (!list) this.byStop.set(s, (list = []));
        list.push({ trip: t, k });
      });
    });
    this.trips = trips;
    this.maxEndS = trips.reduce((m, t) => Math.max(m, t.arrivals[t.arrivals.length - 1]), 0);
  }

  trip(id: string): ScheduledTrip | undefined {
    return this.byId.get(id);
  }

  /** Does the service run on this local calendar day (days since 1970-01-01)? */
  runsOn(serviceId: string, day: number): boolean {
    const exception = this.exceptions.get(serviceId)?.get(day);
    if (exception !== undefined) return exception === 1;
    const w = this.weekly.get(serviceId);
    if (!w || day < w.from || day > w.to) return false;
    return w.days[new Date(day * DAY_MS).getUTCDay()];
  }

  /** The local calendar day an instant falls on. */
  dayOf(ms: number): number {
    return Math.floor((ms + zoneOffsetMs(this.timeZone, ms)) / DAY_MS);
  }

  /** Start of a service day: noon local time minus 12 h (so DST days are still counted from noon). */
  dayStartMs(day: number): number {
    const noonUtc = day * DAY_MS + 12 * 3600_000;
    const noon = noonUtc - zoneOffsetMs(this.timeZone, noonUtc - zoneOffsetMs(this.timeZone, noonUtc));
    return noon - 12 * 3600_000;
  }

  /** Service days whose trips can be running in [fromMs, toMs]. */
  private daysAround(fromMs: number, toMs: number): number[] {
    const first = this.dayOf(fromMs - this.maxEndS * 1000) - 1;
    const last = this.dayOf(toMs) + 1;
    const days: number[] = [];
    for (let d = first; d <= last; d++) days.push(d);
    return days;
  }

  /** Trips scheduled to leave their first stop in (fromMs, toMs], in order. */
  startingBetween(fromMs: number, toMs: number): TripRun[] {
    const out: TripRun[] = [];
    for (const day of this.daysAround(fromMs, toMs)) {
      const start = this.dayStartMs(day);
      const lo = (fromMs - start) / 1000;
      const hi = (toMs - start) / 1000;
      if (hi <= 0 || lo > this.maxEndS) continue;
      // Trips are sorted by first departure: binary search the window.
      let a = 0;
      let b = this.trips.length;
      while (a < b) {
        const mid = (a + b) >> 1;
        if (this.trips[mid].departures[0] <= lo) a = mid + 1;
        else b = mid;
      }
      for (let i = a; i < this.trips.length && this.trips[i].departures[0] <= hi; i++)
        if (this.runsOn(this.trips[i].serviceId, day)) out.push({ trip: this.trips[i], dayStartMs: start });
    }
    return out.sort((x, y) => x.dayStartMs + x.trip.departures[0] * 1000 - (y.dayStartMs + y.trip.departures[0] * 1000));
  }

  /** Trips between their first departure and last arrival at `atMs`. */
  runningAt(atMs: number): TripRun[] {
    const out: TripRun[] = [];
    for (const day of this.daysAround(atMs, atMs)) {
      const start = this.dayStartMs(day);
      const s = (atMs - start) / 1000;
      if (s < 0 || s > this.maxEndS) continue;
      for (const trip of this.trips) {
        if (trip.departures[0] > s) break;
        if (trip.arrivals[trip.arrivals.length - 1] >= s && this.runsOn(trip.serviceId, day)) out.push({ trip, dayStartMs: start });
      }
    }
    return out;
  }

  /** Scheduled calls at a stop arriving in [fromMs, toMs], earliest first. */
  callsAt(stopId: string, fromMs: number, toMs: number): Array<TripRun & { k: number; arrivalMs: number }> {
    const calls = this.byStop.get(stopId) ?? [];
    const out: Array<TripRun & { k: number; arrivalMs: number }> = [];
    for (const day of this.daysAround(fromMs, toMs)) {
      const start = this.dayStartMs(day);
      for (const { trip, k } of calls) {
        const at = start + trip.arrivals[k] * 1000;
        if (at >= fromMs && at <= toMs && this.runsOn(trip.serviceId, day)) out.push({ trip, dayStartMs: start, k, arrivalMs: at });
      }
    }
    return out.sort((a, b) => a.arrivalMs - b.arrivalMs);
  }
}
