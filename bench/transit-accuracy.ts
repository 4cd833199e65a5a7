/**
 * Arrival predictions against what then happened: the twin runs its buses in its traffic; every
 * 5 minutes of twin time each running trip's remaining stops are predicted three ways (the
 * timetable; the current delay carried unchanged, as the twin's own TripUpdates do; the model
 * services' model: delay propagated with the route's congestion trend and its profile by hour of the day)
 * and later compared with the time the bus really reached each stop.
 */
import { GtfsSchedule } from '../lib/gtfs/schedule';
import { generateCity } from '../server/twin/city';
import { isTransitTwin } from '../server/twin/transit/domain';
import { tripUpdatesFeed } from '../server/twin/transit/rt-feeds';
import { World } from '../server/twin/world';
import { DelayTrends, propagateDelay } from '../server/models/transit/predict';
import { positionOf, predictionsFrom } from '../server/models/transit/realtime';
import type { Figure } from './report';

const MONDAY = Date.parse('2026-11-16T00:00:00Z');
const HOUR = 3600_000;
/** How often the model services would see TripUpdates (twin time), and how often we predict. */
const OBSERVE_MS = 30_000;
const PREDICT_MS = 5 * 60_000;
const BUCKETS: Array<[string, number, number]> = [
  ['0–5 min ahead', 0, 300],
  ['5–15 min ahead', 300, 900],
  ['15–30 min ahead', 900, 1800],
  ['30–60 min ahead', 1800, 3600],
];


interface Pending {
  tripId: string;
  k: number;
  leadS: number;
  /** Predicted arrival (ms) by the timetable, by the constant delay, by the model. */
  at: [number, number, number];
}

export interface AccuracyOptions {
  /** Hours of twin time before measuring (the profile learns from them). */
  warmUpHours: number;
  /** Measured window, hours, from its start (hours after Monday 00:00 UTC). */
  fromHour: number;
  hours: number;
}

export function measureAccuracy(opts: AccuracyOptions) {
  const city = generateCity({ seed: 42, size: 2000 });
  const startMs = MONDAY + (opts.fromHour - opts.warmUpHours) * HOUR;
  const fromMs = MONDAY + opts.fromHour * HOUR;
  const endMs = fromMs + opts.hours * HOUR;
  const world = new World(city, { seed: 42, start: startMs });
  const transit = world.domains.find(isTransitTwin);
  if (!transit) throw new Error('the twin has no transit domain');
  const schedule = new GtfsSchedule(transit.feed);
  const trends = new DelayTrends();
  const pending = new Map<string, Pending[]>();
  const errors: Array<{ leadS: number; err: [number, number, number] }> = [];
  let lastObserve = 0;
  let lastPredict = 0;
  while (world.traffic.time < endMs + HOUR) {
    world.step();
    const now = world.traffic.time;
    // Resolve what has happened: a bus that reached a predicted stop.
    for (const [tripId, list] of pending) {
      const bus = transit.fleet.bus(tripId);
      if (!bus) {
        pending.delete(tripId);
        continue;
      }
      const left: Pending[] = [];
      for (const p of list) {
        const real = bus.arrivedAt[p.k];
        if (real === undefined) left.push(p);
        else errors.push({ leadS: p.leadS, err: [(p.at[0] - real) / 1000, (p.at[1] - real) / 1000, (p.at[2] - real) / 1000] });
      }
      if (left.length) pending.set(tripId, left);
      else pending.delete(tripId);
    }
    if (now - lastObserve < OBSERVE_MS) continue;
    lastObserve = now;
    const views = transit.buses();
    const predictions = predictionsFrom(tripUpdatesFeed(views, now), now);
    for (const p of predictions.values()) {
      const trip = schedule.trip(p.tripId);
      if (trip && p.delayS !== null) trends.observe(p.tripId, trip.routeId, p.delayS, p.observedAtMs);
    }
    trends.forget(now - HOUR);
    if (now < fromMs || now >= endMs || now - lastPredict < PREDICT_MS) continue;
    lastPredict = now;
    for (const v of views) {
      const pred = predictions.get(v.trip.id);
      const position = pred && positionOf(v.trip, pred);
      if (!position) continue;
      const model = propagateDelay(v.trip, v.serviceDayStartMs, position, (at, lead) => trends.rate(v.trip.routeId, at, lead));
      const first = position.stopped ? position.stopIndex + 1 : position.stopIndex;
      const list: Pending[] = [];
      model.forEach((d, i) => {
        const k = first + i;
        const sched = v.serviceDayStartMs + v.trip.arrivals[k] * 1000;
        const leadS = (sched + d * 1000 - now) / 1000;
        if (leadS > 3600) return;
        list.push({ tripId: v.trip.id, k, leadS, at: [sched, sched + position.delayS * 1000, sched + d * 1000] });
      });
      if (list.length) pending.set(v.trip.id, [...(pending.get(v.trip.id) ?? []), ...list]);
    }
  }
  return errors;
}

const mae = (xs: number[]) => xs.reduce((a, x) => a + Math.abs(x), 0) / Math.max(1, xs.length);

export function accuracyFigures(errors: ReturnType<typeof measureAccuracy>, label: string): Figure[] {
  const out: Figure[] = [];
  for (const [name, lo, hi] of BUCKETS) {
    const inBucket = errors.filter((e) => e.leadS >= lo && e.leadS < hi);
    if (!inBucket.length) continue;
    const by = (m: 0 | 1 | 2) => mae(inBucket.map((e) => e.err[m]));
    out.push({
      name: `arrival MAE ${name}, ${label}: model / current delay carried / timetable`,
      value: by(2),
      unit: 's',
      note: `${by(1).toFixed(1)} s / ${by(0).toFixed(1)} s; ${inBucket.length} arrivals`,
    });
  }
  const bias = errors.reduce((a, e) => a + e.err[2], 0) / Math.max(1, errors.length);
  out.push({ name: `arrival mean error (bias) of the model, ${label}`, value: bias, unit: 's', note: 'positive: predicted later than it came' });
  return out;
}

export async function benchTransitAccuracy(): Promise<Figure[]> {
  const t0 = performance.now();
  // A whole Monday to learn from, then the Tuesday morning peak.
  const errors = measureAccuracy({ warmUpHours: 24 + 2, fromHour: 24 + 6.5, hours: 3 });
  const figures = accuracyFigures(errors, 'Tuesday 06:30–09:30');
  figures.push({ name: 'accuracy run time (26 h warm-up + 4 h)', value: (performance.now() - t0) / 1000, unit: 's' });
  return figures;
}
