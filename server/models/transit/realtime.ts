import type { GtfsRtFeed, GtfsRtStopTimeUpdate } from '@/lib/gtfs/realtime';
import { translated } from '@/lib/gtfs/realtime';
import type { GtfsSchedule, ScheduledTrip } from '@/lib/gtfs/schedule';
import { formatGtfsDate } from '@/lib/gtfs/time';
import { propagateDelay, type DelayTrends, type TripPosition } from './predict';
import { vehicleSchema, type StopArrivals, type TransitAlert, type TransitArrival, type Vehicle } from '@/lib/protocol/transit';

/** What a TripUpdate says about one trip, kept until the next TripUpdates feed replaces it. */
export interface TripPrediction {
  tripId: string;
  startDate: string | null;
  vehicleId: string | null;
  /** The trip's current delay, seconds (trip-level, else its first stop update's). */
  delayS: number | null;
  updates: GtfsRtStopTimeUpdate[];
  /** When the feed said so (ms): the trip update's own timestamp, else the feed's. */
  observedAtMs: number;
}

const clampDelay = (d: number) => Math.max(-3600, Math.min(4 * 3600, Math.round(d)));
const iso = (ms: number) => new Date(ms).toISOString();

export function predictionsFrom(feed: GtfsRtFeed, fallbackMs: number = Date.now()): Map<string, TripPrediction> {
  const out = new Map<string, TripPrediction>();
  const headerMs = feed.header.timestamp !== undefined ? feed.header.timestamp * 1000 : fallbackMs;
  for (const e of feed.entity) {
    const tu = e.tripUpdate;
    if (!tu?.trip.tripId || e.isDeleted) continue;
    const updates = [...(tu.stopTimeUpdate ?? [])];
    const first = updates.find((u) => u.arrival?.delay !== undefined || u.departure?.delay !== undefined);
    const delay = tu.delay ?? first?.arrival?.delay ?? first?.departure?.delay ?? null;
    out.set(tu.trip.tripId, { tripId: tu.trip.tripId, startDate: tu.trip.startDate ?? null, vehicleId: tu.vehicle?.id ?? null, delayS: delay === null ? null : clampDelay(delay), updates, observedAtMs: tu.timestamp !== undefined ? tu.timestamp * 1000 : headerMs });
  }
  return out;
}

/**
 * The `transit` layer from VehiclePositions: one item per vehicle on a known trip, with its delay
 * from the TripUpdates. Vehicles without a trip (deadheading, or a feed that omits it) are left
 * out, as are items that fail vehicleSchema; both are counted, neither refuses the feed.
 */
export function vehiclesFrom(
  feed: GtfsRtFeed,
  schedule: GtfsSchedule | null,
  predictions: ReadonlyMap<string, TripPrediction>,
  previous: (id: string) => Vehicle | undefined,
  nowMs: number,
): { items: Map<string, { item: Vehicle; atMs: number }>; skipped: number } {
  const items = new Map<string, { item: Vehicle; atMs: number }>();
  let skipped = 0;
  const headerMs = feed.header.timestamp !== undefined ? feed.header.timestamp * 1000 : nowMs;
  for (const e of feed.entity) {
    const v = e.vehicle;
    if (!v || e.isDeleted) continue;
    const tripId = v.trip?.tripId;
    const trip: ScheduledTrip | undefined = tripId ? schedule?.trip(tripId) : undefined;
    const routeId = v.trip?.routeId ?? trip?.routeId;
    if (!tripId || !routeId || !v.position) {
      skipped++;
      continue;
    }
    const id = v.vehicle?.id ?? e.id;
    const location: [number, number] = [Math.round(v.position.longitude * 1e6) / 1e6, Math.round(v.position.latitude * 1e6) / 1e6];
    let bearing = v.position.bearing;
    if (bearing === undefined) {
      // No bearing in the feed: the way it moved since the last position, else north.
      const before = previous(id)?.location;
      if (before && (before[0] !== location[0] || before[1] !== location[1])) {
        const dx = (location[0] - before[0]) * Math.cos((location[1] * Math.PI) / 180);
        bearing = (Math.atan2(dx, location[1] - before[1]) * 180) / Math.PI;
      } else bearing = previous(id)?.bearing ?? 0;
    }
    let nextStopId = v.stopId ?? null;
    if (!nextStopId && trip && v.currentStopSequence !== undefined) nextStopId = trip.stopIds[trip.stopSequences.indexOf(v.currentStopSequence)] ?? null;
    const status = v.currentStatus === 'INCOMING_AT' || v.currentStatus === 'STOPPED_AT' ? v.currentStatus : 'IN_TRANSIT_TO';
    const atMs = v.timestamp !== undefined ? v.timestamp * 1000 : headerMs;
    const candidate = {
      routeId,
      tripId,
      location,
      bearing: Math.round((((bearing % 360) + 360) % 360) * 10) / 10,
      ...(v.position.speed !== undefined ? { speedKmh: Math.min(200, Math.round(v.position.speed * 3.6 * 10) / 10) } : {}),
      delayS: predictions.get(tripId)?.delayS ?? 0,
      nextStopId,
      status,
      observedAt: iso(atMs),
    };
    const parsed = vehicleSchema.safeParse(candidate);
    if (!parsed.success) {
      skipped++;
      continue;
    }
    items.set(id, { item: parsed.data, atMs });
  }
  return { items, skipped };
}

const SEVERITY = { INFO: 'info', WARNING: 'warning', SEVERE: 'severe' } as const;

/** Public service alerts from a GTFS-Realtime Alerts feed. */
export function alertsFrom(feed: GtfsRtFeed): TransitAlert[] {
  const out: TransitAlert[] = [];
  for (const e of feed.entity) {
    const a = e.alert;
    if (!a || e.isDeleted) continue;
    const uniq = (xs: Array<string | undefined>) => [...new Set(xs.filter((x): x is string => !!x))];
    const period = a.activePeriod?.[0];
    const header = translated(a.headerText).slice(0, 1000);
    const description = translated(a.descriptionText).slice(0, 5000);
    // Every language either text is given in, each falling back to the default text where only the other is.
    const languages = [...new Set([...(a.headerText?.translation ?? []), ...(a.descriptionText?.translation ?? [])].flatMap((t) => (t.language ? [t.language.slice(0, 35)] : [])))];
    const inLanguage = (s: typeof a.headerText, language: string) => s?.translation.find((t) => t.language === language)?.text;
    out.push({
      id: e.id.slice(0, 256),
      cause: String(a.cause ?? 'UNKNOWN_CAUSE').slice(0, 64),
      effect: String(a.effect ?? 'UNKNOWN_EFFECT').slice(0, 64),
      severity: typeof a.severityLevel === 'string' && a.severityLevel in SEVERITY ? SEVERITY[a.severityLevel as keyof typeof SEVERITY] : 'unknown',
      header,
      description,
      ...(languages.length
        ? {
            translations: Object.fromEntries(
              languages.map((l) => [l, { header: (inLanguage(a.headerText, l) ?? header).slice(0, 1000), description: (inLanguage(a.descriptionText, l) ?? description).slice(0, 5000) }]),
            ),
          }
        : {}),
      routeIds: uniq(a.informedEntity.map((i) => i.routeId ?? i.trip?.routeId)),
      stopIds: uniq(a.informedEntity.map((i) => i.stopId)),
      tripIds: uniq(a.informedEntity.map((i) => i.trip?.tripId)),
      activeFrom: period?.start ? iso(period.start * 1000) : null,
      activeUntil: period?.end ? iso(period.end * 1000) : null,
    });
  }
  return out;
}

/** Where the bus of a trip is, from its TripUpdate: the first stop it still has an update for. */
export function positionOf(trip: ScheduledTrip, pred: TripPrediction): TripPosition | null {
  const first = pred.updates[0];
  if (pred.delayS === null || !first) return null;
  const k = first.stopSequence !== undefined ? trip.stopSequences.indexOf(first.stopSequence) : first.stopId !== undefined ? trip.stopIds.indexOf(first.stopId) : -1;
  if (k < 0) return null;
  // Only a departure for the first stop ahead: the bus stands there (GTFS-RT has no arrival left).
  return { stopIndex: k, stopped: !first.arrival && !!first.departure, delayS: pred.delayS, atMs: pred.observedAtMs };
}

/**
 * The next arrivals at a stop: the timetable's calls in the window, each moved by its trip's
 * prediction. With a trend model and the bus's position known, the trip's current delay is carried
 * along the trip by propagateDelay (congestion trend, no early departures); otherwise a stop's own
 * update wins (its time, else its delay), then the delay of the latest update before it in the
 * trip, then the trip's delay.
 */
export function arrivalsAt(
  schedule: GtfsSchedule,
  stop: { id: string; name: string },
  predictions: ReadonlyMap<string, TripPrediction>,
  nowMs: number,
  opts: { minutes: number; limit: number },
  trends?: DelayTrends,
): StopArrivals {
  // Calls already a little past their time may still come: late buses.
  const calls = schedule.callsAt(stop.id, nowMs - 2 * 3600_000, nowMs + opts.minutes * 60_000);
  const arrivals: TransitArrival[] = [];
  for (const c of calls) {
    const p = predictions.get(c.trip.id);
    const date = formatGtfsDate(Math.floor((c.dayStartMs + 12 * 3600_000) / 86_400_000));
    const pred = p && (!p.startDate || p.startDate === date) ? p : undefined;
    let predictedMs = c.arrivalMs;
    let delay: number | null = null;
    if (pred) {
      const seq = c.trip.stopSequences[c.k];
      const own = pred.updates.find((u) => (u.stopSequence !== undefined ? u.stopSequence === seq : u.stopId === stop.id));
      const event = own?.arrival ?? own?.departure;
      const position = trends ? positionOf(c.trip, pred) : null;
      const modelled = position && trends ? modelDelayAt(c.trip, c.dayStartMs, position, c.k, trends) : null;
      if (modelled !== null) {
        delay = modelled;
        predictedMs = c.arrivalMs + delay * 1000;
      } else if (event?.time !== undefined) {
        predictedMs = event.time * 1000;
        delay = (predictedMs - c.arrivalMs) / 1000;
      } else {
        const before = pred.updates.filter((u) => u.stopSequence !== undefined && u.stopSequence <= seq).pop();
        delay = event?.delay ?? before?.arrival?.delay ?? before?.departure?.delay ?? pred.delayS;
        if (delay !== null) predictedMs = c.arrivalMs + delay * 1000;
      }
      // A prediction that skips this stop, or a trip already past it, is not an arrival.
      if (own?.scheduleRelationship === 'SKIPPED') continue;
      if (!own && pred.updates.length && pred.updates.every((u) => u.stopSequence !== undefined && u.stopSequence > seq)) continue;
    }
    if (predictedMs < nowMs) continue;
    arrivals.push({
      tripId: c.trip.id,
      routeId: c.trip.routeId,
      headsign: c.trip.headsign.slice(0, 256),
      scheduledAt: iso(c.arrivalMs),
      predictedAt: iso(predictedMs),
      delayS: delay === null ? null : clampDelay(delay),
      vehicleId: pred?.vehicleId ?? null,
    });
  }
  arrivals.sort((a, b) => Date.parse(a.predictedAt) - Date.parse(b.predictedAt));
  return { stopId: stop.id, stopName: stop.name, asOf: iso(nowMs), arrivals: arrivals.slice(0, opts.limit) };
}

/** The modelled arrival delay at stop index k of a trip, or null when the bus is already past it. */
function modelDelayAt(trip: ScheduledTrip, dayStartMs: number, position: TripPosition, k: number, trends: DelayTrends): number | null {
  const first = position.stopped ? position.stopIndex + 1 : position.stopIndex;
  if (k < first) return null;
  const delays = propagateDelay(trip, dayStartMs, position, (at, lead) => trends.rate(trip.routeId, at, lead));
  return Math.round(delays[k - first]);
}
