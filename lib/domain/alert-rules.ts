import { z } from 'zod';
import type { AlertCondition, AlertSeverity } from '../protocol/alerts';
import type { AirReading } from '../protocol/air';
import type { MapForecast } from '../protocol/forecast';
import type { GridItem } from '../protocol/grid';
import type { Incident } from '../protocol/incidents';
import type { TrafficReading } from '../protocol/traffic';
import type { Vehicle } from '../protocol/transit';
import { aqiLabels } from './aqi';
import type { LonLat, RoadClass } from './road';

/**
 * The alert rules: pure functions from what the city reports now (and what the models forecast)
 * to the conditions that hold. The gateway's alert engine turns conditions into alerts with a
 * lifecycle; these only say what is wrong, where, and how badly.
 */

/** Thresholds of every rule (settings ALERT_* in lib/config.ts). */
export const alertThresholdsSchema = z.object({
  /** A segment's speed under this share of its free-flow speed has collapsed (0.1: under 10 %). */
  speedCollapseRatio: z.number().gt(0).max(1).default(0.1),
  /** A feeder loaded over this share of its capacity (0.9: 90 %); over 1 is critical. */
  feederUtilisation: z.number().gt(0).max(5).default(0.9),
  /** An AQI level (1–6, same bands in both standards) at or above this; 4: unhealthy / 中度污染. */
  aqiLevel: z.number().int().min(2).max(6).default(4),
  /** Two buses of a route heading for the same stop closer than this many metres are bunched. */
  bunchingM: z.number().positive().max(5000).default(200),
  /** Incidents at or above this severity raise an alert. */
  incidentSeverity: z.enum(['low', 'medium', 'high']).default('medium'),
  /** A major road forecast under this share of its free-flow speed within the hour. */
  forecastSpeedRatio: z.number().gt(0).max(1).default(0.25),
  /** A feeder or substation forecast over this share of its capacity within the hour. */
  forecastUtilisation: z.number().gt(0).max(5).default(1),
});
export type AlertThresholds = z.infer<typeof alertThresholdsSchema>;
export const defaultThresholds: AlertThresholds = alertThresholdsSchema.parse({});

export interface SegmentInfo {
  name: string;
  roadClass: RoadClass;
  freeFlowKmh: number;
  path: readonly LonLat[];
}
export interface AssetInfo {
  name: string;
  location: LonLat;
  capacityKw: number;
}

/** What the rules read: the live layers' items and the static city they refer to. */
export interface RuleInput {
  traffic: Readonly<Record<string, TrafficReading>>;
  grid: Readonly<Record<string, GridItem>>;
  air: Readonly<Record<string, AirReading>>;
  transit: Readonly<Record<string, Vehicle>>;
  incidents: Readonly<Record<string, Incident>>;
  segments: ReadonlyMap<string, SegmentInfo>;
  /** Feeders and substations by id. */
  assets: ReadonlyMap<string, AssetInfo>;
  /** Route short names by route id. */
  routes: ReadonlyMap<string, string>;
  /** Map forecasts (GET /v1/forecasts/map/{target}) within the next hour; empty when none are served. */
  trafficForecasts: readonly MapForecast[];
  gridForecasts: readonly MapForecast[];
}

export const midpoint = (path: readonly LonLat[]): LonLat => path[Math.floor(path.length / 2)];
const pct = (x: number) => `${Math.round(x * 100)} %`;

/** Great-circle distance in metres (haversine): enough for buses a few hundred metres apart. */
export function distanceM(a: LonLat, b: LonLat): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A segment crawling at a small share of its free-flow speed. */
export function speedCollapse(input: Pick<RuleInput, 'traffic' | 'segments'>, t: AlertThresholds): AlertCondition[] {
  const out: AlertCondition[] = [];
  for (const [id, r] of Object.entries(input.traffic)) {
    const seg = input.segments.get(id);
    if (!seg) continue;
    const ratio = r.speedKmh / seg.freeFlowKmh;
    if (ratio >= t.speedCollapseRatio) continue;
    out.push({
      key: `speed-collapse:${id}`,
      rule: 'speed-collapse',
      severity: ratio < t.speedCollapseRatio / 2 ? 'critical' : 'warning',
      title: `Speed collapse on ${seg.name}`,
      detail: `${r.speedKmh.toFixed(0)} km/h, ${pct(ratio)} of its free-flow ${seg.freeFlowKmh.toFixed(0)} km/h`,
      titleText: { code: 'alert.speedCollapse.title', params: { segment: seg.name } },
      detailText: { code: 'alert.speedCollapse.detail', params: { speed: r.speedKmh, ratio, freeFlow: seg.freeFlowKmh } },
      place: { kind: 'segment', id, name: seg.name, location: midpoint(seg.path) },
      value: r.speedKmh,
      observedAt: r.observedAt,
    });
  }
  return out;
}

/** A feeder loaded near or over its capacity. */
export function feederOverload(input: Pick<RuleInput, 'grid' | 'assets'>, t: AlertThresholds): AlertCondition[] {
  const out: AlertCondition[] = [];
  for (const [id, item] of Object.entries(input.grid)) {
    if (item.kind !== 'feeder' || item.utilisation <= t.feederUtilisation) continue;
    const asset = input.assets.get(id);
    const name = asset?.name ?? id;
    out.push({
      key: `feeder-overload:${id}`,
      rule: 'feeder-overload',
      severity: item.utilisation > 1 ? 'critical' : 'warning',
      title: `${item.utilisation > 1 ? 'Overload' : 'High load'} on feeder ${name}`,
      detail: `${(item.loadKw / 1000).toFixed(1)} MW of ${(item.capacityKw / 1000).toFixed(1)} MW (${pct(item.utilisation)})`,
      titleText: { code: item.utilisation > 1 ? 'alert.feederOverload.title' : 'alert.feederHighLoad.title', params: { feeder: name } },
      detailText: { code: 'alert.feederLoad.detail', params: { loadMw: item.loadKw / 1000, capacityMw: item.capacityKw / 1000, utilisation: item.utilisation } },
      place: { kind: 'feeder', id, name, location: asset?.location ?? [0, 0] },
      value: item.utilisation,
      observedAt: item.observedAt,
    });
  }
  // A feeder the grid network does not know has no place on the map: not worth a misplaced alert.
  return out.filter((c) => input.assets.has(c.place.id));
}

/** A station whose AQI is at or above the configured category. */
export function airQuality(input: Pick<RuleInput, 'air'>, t: AlertThresholds): AlertCondition[] {
  const out: AlertCondition[] = [];
  for (const [id, r] of Object.entries(input.air)) {
    if (r.aqiLevel < t.aqiLevel) continue;
    const label = aqiLabels[r.aqiStandard][r.aqiLevel - 1]?.en ?? `level ${r.aqiLevel}`;
    const epa = r.aqiStandard === 'us-epa';
    out.push({
      key: `air-quality:${id}`,
      rule: 'air-quality',
      severity: r.aqiLevel >= 5 ? 'critical' : 'warning',
      title: `Air quality ${label.toLowerCase()} at ${r.name}`,
      detail: `AQI ${r.aqi} (${epa ? 'US EPA' : 'HJ 633'}), driven by ${r.dominant.toUpperCase()}`,
      titleText: { code: epa ? 'alert.airQualityEpa.title' : 'alert.airQualityHj.title', params: { station: r.name, level: r.aqiLevel } },
      detailText: { code: epa ? 'alert.airQualityEpa.detail' : 'alert.airQualityHj.detail', params: { aqi: r.aqi, pollutant: r.dominant } },
      place: { kind: 'station', id, name: r.name, location: r.location },
      value: r.aqi,
      observedAt: r.observedAt,
    });
  }
  return out;
}

/**
 * Buses of one route heading for the same stop within a short distance of each other: the second
 * is running in the first's shadow. Two buses both standing at a stop (a terminus layover) are not.
 */
export function busBunching(input: Pick<RuleInput, 'transit' | 'routes'>, t: AlertThresholds): AlertCondition[] {
  const groups = new Map<string, Array<[string, Vehicle]>>();
  for (const [id, v] of Object.entries(input.transit)) {
    if (!v.nextStopId) continue;
    const k = `${v.routeId}\u0000${v.nextStopId}`;
    const g = groups.get(k);
    if (g) g.push([id, v]);
    else groups.set(k, [[id, v]]);
  }
  const out: AlertCondition[] = [];
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    g.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (let i = 0; i < g.length; i++)
      for (let j = i + 1; j < g.length; j++) {
        const [ia, a] = g[i];
        const [ib, b] = g[j];
        if (a.status === 'STOPPED_AT' && b.status === 'STOPPED_AT') continue;
        const d = distanceM(a.location, b.location);
        if (d >= t.bunchingM) continue;
        const route = input.routes.get(a.routeId) ?? a.routeId;
        out.push({
          key: `bus-bunching:${a.routeId}:${ia}+${ib}`,
          rule: 'bus-bunching',
          severity: 'warning',
          title: `Buses bunched on route ${route}`,
          detail: `Buses ${ia} and ${ib} are ${Math.round(d)} m apart, both heading for the same stop`,
          titleText: { code: 'alert.busBunching.title', params: { route } },
          detailText: { code: 'alert.busBunching.detail', params: { busA: ia, busB: ib, distance: d } },
          place: { kind: 'bus', id: ia, name: `Bus ${ia} (route ${route})`, location: a.location },
          value: d,
          observedAt: a.observedAt > b.observedAt ? a.observedAt : b.observedAt,
        });
      }
  }
  return out;
}

const incidentRank = { low: 0, medium: 1, high: 2 } as const;
const incidentSeverity: Record<Incident['severity'], AlertSeverity> = { low: 'info', medium: 'warning', high: 'critical' };

/** An incident on the road network at or above the configured severity. */
export function incidentAlerts(input: Pick<RuleInput, 'incidents' | 'segments'>, t: AlertThresholds): AlertCondition[] {
  const out: AlertCondition[] = [];
  for (const [id, inc] of Object.entries(input.incidents)) {
    if (incidentRank[inc.severity] < incidentRank[t.incidentSeverity]) continue;
    const street = input.segments.get(inc.segmentId)?.name ?? inc.segmentId;
    out.push({
      key: `incident:${id}`,
      rule: 'incident',
      severity: incidentSeverity[inc.severity],
      title: inc.description || `${inc.kind} on ${street}`,
      detail: `${inc.kind[0].toUpperCase()}${inc.kind.slice(1)} on ${street}: ${pct(inc.capacityFactor)} of capacity left${inc.endsAt ? `, expected to clear ${inc.endsAt.slice(11, 16)} UTC` : ''}`,
      // The field's own description when it sent one as a code (the twin does), else kind and street.
      titleText: inc.descriptionText ?? { code: 'alert.incident.title', params: { kind: inc.kind, street } },
      detailText: inc.endsAt
        ? { code: 'alert.incident.detailUntil', params: { kind: inc.kind, street, capacity: inc.capacityFactor, until: inc.endsAt } }
        : { code: 'alert.incident.detail', params: { kind: inc.kind, street, capacity: inc.capacityFactor } },
      place: { kind: 'incident', id, name: street, location: inc.location },
      value: inc.capacityFactor,
      observedAt: inc.startedAt,
    });
  }
  return out;
}

const MAJOR: ReadonlySet<RoadClass> = new Set<RoadClass>(['motorway', 'primary', 'secondary']);

/**
 * Congestion forecast within the hour on a major road that is not congested now: one alert per
 * street (not per segment), so a predicted rush hour reads as a few streets, not hundreds of pieces.
 */
export function forecastCongestion(input: Pick<RuleInput, 'traffic' | 'segments' | 'trafficForecasts'>, t: AlertThresholds): AlertCondition[] {
  const streets = new Map<string, { worst: number; horizon: number; t: string | null; segment: string; count: number }>();
  for (const f of input.trafficForecasts) {
    for (const [id, q] of Object.entries(f.items)) {
      const seg = input.segments.get(id);
      if (!seg || !MAJOR.has(seg.roadClass)) continue;
      const ratio = q.p50 / seg.freeFlowKmh;
      const now = input.traffic[id];
      if (ratio >= t.forecastSpeedRatio || !now || now.speedKmh / seg.freeFlowKmh < t.forecastSpeedRatio) continue;
      const s = streets.get(seg.name);
      if (!s) streets.set(seg.name, { worst: ratio, horizon: f.horizonMinutes, t: f.t, segment: id, count: 1 });
      else {
        s.count++;
        if (ratio < s.worst) Object.assign(s, { worst: ratio, horizon: f.horizonMinutes, t: f.t, segment: id });
      }
    }
  }
  return [...streets].map(([name, s]) => {
    const seg = input.segments.get(s.segment) as SegmentInfo;
    return {
      key: `forecast-congestion:${name}`,
      rule: 'forecast-congestion',
      severity: 'info',
      title: `Congestion predicted on ${name}`,
      detail: `Forecast ${pct(s.worst)} of free-flow speed in ${s.horizon} min${s.count > 1 ? ` (${s.count} segment forecasts)` : ''}`,
      titleText: { code: 'alert.forecastCongestion.title', params: { street: name } },
      detailText: { code: 'alert.forecastCongestion.detail', params: { ratio: s.worst, minutes: s.horizon, forecasts: s.count } },
      place: { kind: 'segment', id: s.segment, name, location: midpoint(seg.path) },
      value: s.worst,
      observedAt: s.t,
    } satisfies AlertCondition;
  });
}

/** A feeder or substation forecast over its capacity within the hour, not overloaded now. */
export function forecastOverload(input: Pick<RuleInput, 'grid' | 'assets' | 'gridForecasts'>, t: AlertThresholds): AlertCondition[] {
  const found = new Map<string, AlertCondition>();
  for (const f of input.gridForecasts) {
    for (const [id, q] of Object.entries(f.items)) {
      const asset = input.assets.get(id);
      if (!asset) continue;
      const u = q.p50 / asset.capacityKw;
      const now = input.grid[id];
      const nowU = now && now.kind !== 'battery' ? now.utilisation : 0;
      if (u <= t.forecastUtilisation || nowU > t.forecastUtilisation) continue;
      const prev = found.get(id);
      if (prev && (prev.value ?? 0) >= u) continue;
      const kind = now?.kind === 'substation' ? 'substation' : 'feeder';
      found.set(id, {
        key: `forecast-overload:${id}`,
        rule: 'forecast-overload',
        severity: 'warning',
        title: `Overload predicted on ${kind} ${asset.name}`,
        detail: `Forecast ${(q.p50 / 1000).toFixed(1)} MW of ${(asset.capacityKw / 1000).toFixed(1)} MW (${pct(u)}) in ${f.horizonMinutes} min`,
        titleText: { code: 'alert.forecastOverload.title', params: { asset: kind, name: asset.name } },
        detailText: { code: 'alert.forecastOverload.detail', params: { forecastMw: q.p50 / 1000, capacityMw: asset.capacityKw / 1000, utilisation: u, minutes: f.horizonMinutes } },
        place: { kind, id, name: asset.name, location: asset.location },
        value: u,
        observedAt: f.t,
      });
    }
  }
  return [...found.values()];
}

/** Every rule over the current input. */
export function evaluateRules(input: RuleInput, t: AlertThresholds): AlertCondition[] {
  return [
    ...incidentAlerts(input, t),
    ...speedCollapse(input, t),
    ...feederOverload(input, t),
    ...airQuality(input, t),
    ...busBunching(input, t),
    ...forecastCongestion(input, t),
    ...forecastOverload(input, t),
  ];
}
