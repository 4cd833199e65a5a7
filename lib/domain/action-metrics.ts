import type { Action } from '../protocol/actions';
import type { AirReading } from '../protocol/air';
import type { GridItem } from '../protocol/grid';
import type { TrafficReading } from '../protocol/traffic';

/**
 * The observed metric of an active action, from the live layers, in the unit of its predicted
 * impact so the two can be drawn on one chart and compared. Pure functions: the gateway's monitor
 * calls them on its snapshots, tests on hand-made items.
 */

/** What the corridor metric needs of a segment (from the road network). */
export interface SegmentGeometry {
  lengthM: number;
  freeFlowKmh: number;
}

/** Speeds under this are treated as this (a stopped queue would give an infinite travel time). */
const MIN_SPEED_KMH = 1;
/** Every segment weighs at least this flow: a standing queue has no outflow but is all delay. */
const MIN_WEIGHT_VPH = 30;

/**
 * Mean delay of a vehicle driving the corridor end to end (s), as the twin's what-if predicts it
 * (server/twin/actuation/metrics.ts): each segment's delay (length/speed − length/free-flow),
 * weighted by its flow, times the number of segments; with `perSegment` the weighted mean per
 * segment (a set of approaches, not a route). Segments without a reading or geometry are left out;
 * null when none remain.
 */
export function corridorDelayS(
  corridor: readonly string[],
  traffic: Readonly<Record<string, TrafficReading>>,
  geometry: ReadonlyMap<string, SegmentGeometry>,
  perSegment = false,
): number | null {
  let weighted = 0;
  let flow = 0;
  let counted = 0;
  for (const id of corridor) {
    const r = traffic[id];
    const g = geometry.get(id);
    if (!r || !g || g.freeFlowKmh <= 0) continue;
    const delay = Math.max(0, (3.6 * g.lengthM) / Math.max(r.speedKmh, MIN_SPEED_KMH) - (3.6 * g.lengthM) / g.freeFlowKmh);
    const w = Math.max(r.flowVph, MIN_WEIGHT_VPH);
    weighted += w * delay;
    flow += w;
    counted++;
  }
  return counted ? (weighted / flow) * (perSegment ? 1 : counted) : null;
}

/** A feeder's net load (kW); null when the layer has no such feeder. */
export function feederLoadKw(feederId: string, grid: Readonly<Record<string, GridItem>>): number | null {
  const item = grid[feederId];
  return item && item.kind === 'feeder' ? item.loadKw : null;
}

/** A station's NO2 (µg/m³) or AQI, by the unit the impact is stated in ("AQI" → AQI, else NO2). */
export function stationValue(stationId: string, unit: string, air: Readonly<Record<string, AirReading>>): number | null {
  const r = air[stationId];
  if (!r) return null;
  return /aqi/i.test(unit) ? r.aqi : r.no2;
}

/** Seconds to the impact's unit: delays may be stated in s or min. */
export const secondsIn = (unit: string, seconds: number) => (/^min/i.test(unit.trim()) ? seconds / 60 : seconds);

export interface LiveLayers {
  traffic: Readonly<Record<string, TrafficReading>>;
  grid: Readonly<Record<string, GridItem>>;
  air: Readonly<Record<string, AirReading>>;
}

/** The observed value of an action's metric now, in its impact's unit; null when it cannot be told. */
export function observedMetric(action: Pick<Action, 'plan' | 'impact'>, layers: LiveLayers, geometry: ReadonlyMap<string, SegmentGeometry>): number | null {
  const { plan, impact } = action;
  switch (plan.kind) {
    case 'signal-retiming': {
      // A single intersection: the mean over its approaches, as the prediction reads it.
      const s = plan.corridor.length
        ? corridorDelayS(plan.corridor, layers.traffic, geometry)
        : corridorDelayS([...new Set(plan.intersections.flatMap((i) => i.phases.flatMap((p) => p.approaches)))], layers.traffic, geometry, true);
      return s === null ? null : secondsIn(impact.unit, s);
    }
    case 'demand-response':
      return feederLoadKw(plan.feederId, layers.grid);
    case 'traffic-restriction':
      return stationValue(plan.stationId, impact.unit, layers.air);
  }
}

/** The predicted value without the plan at a minute: the nearest point of the impact series at or before it. */
export function baselineAt(impact: Action['impact'], minute: number): number {
  let best: number | null = null;
  for (const p of impact.series) if (p.minute <= minute) best = p.baseline;
  return best ?? impact.series[0]?.baseline ?? impact.baseline;
}

/**
 * Whether the observed effect is harmful: the last `readings` observations are all worse than the
 * predicted baseline (no action) by more than `margin` (a share, e.g. 0.1 = 10 %).
 */
export function isHarmful(action: Pick<Action, 'impact' | 'observed'>, margin: number, readings: number): boolean {
  if (readings < 1 || action.observed.length < readings) return false;
  const last = action.observed.slice(-readings);
  return last.every((p) => {
    const base = baselineAt(action.impact, p.minute);
    const tolerance = Math.abs(base) * margin;
    return action.impact.lowerIsBetter ? p.observed > base + tolerance : p.observed < base - tolerance;
  });
}
