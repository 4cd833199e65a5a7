import type { AirReading } from '../protocol/air';
import type { GridItem } from '../protocol/grid';
import type { TrafficReading } from '../protocol/traffic';
import type { Vehicle } from '../protocol/transit';

/**
 * The city's headline figures for the control room's header, from the live layers. Each is null
 * when its layer has no data yet: the header shows "—", never a made-up zero.
 */

/** Speeds under this are counted at this, so a stopped segment adds a long time but not infinity. */
const MIN_SPEED_KMH = 1;

export interface TrafficFigures {
  /** Network speed, km/h: vehicle-km travelled over vehicle-hours travelled (space-mean speed). */
  speedKmh: number;
  /**
   * Congestion index, %: extra travel time over free flow, VHT / VHT at free-flow speed − 1
   * (the TomTom-style index: 0 is empty roads, 50 means trips take half as long again).
   */
  congestionPct: number;
  segments: number;
}

/**
 * Network speed and congestion index, weighted by traffic: each segment counts by its
 * vehicle-km (flow × length). With no flow anywhere (night) every segment weighs its length.
 */
export function trafficFigures(
  readings: Readonly<Record<string, TrafficReading>>,
  segments: ReadonlyMap<string, { lengthM: number; freeFlowKmh: number }>,
): TrafficFigures | null {
  let vkt = 0;
  let vht = 0;
  let vhtFree = 0;
  let lenKm = 0;
  let hours = 0;
  let hoursFree = 0;
  let n = 0;
  for (const [id, r] of Object.entries(readings)) {
    const seg = segments.get(id);
    if (!seg) continue;
    const km = seg.lengthM / 1000;
    const v = Math.max(MIN_SPEED_KMH, r.speedKmh);
    vkt += r.flowVph * km;
    vht += (r.flowVph * km) / v;
    vhtFree += (r.flowVph * km) / seg.freeFlowKmh;
    lenKm += km;
    hours += km / v;
    hoursFree += km / seg.freeFlowKmh;
    n++;
  }
  if (n === 0) return null;
  const [dist, time, free] = vkt > 0 ? [vkt, vht, vhtFree] : [lenKm, hours, hoursFree];
  return { speedKmh: dist / time, congestionPct: Math.max(0, (time / free - 1) * 100), segments: n };
}

export interface GridFigures {
  loadKw: number;
  capacityKw: number;
  /** loadKw / capacityKw. */
  utilisation: number;
  /** Feeders over 90 % of their capacity. */
  feedersOver90: number;
}

/**
 * Grid load against capacity over the substations (each serves its feeders, so summing feeders
 * as well would count load twice); over the feeders when no substation reports.
 */
export function gridFigures(items: Readonly<Record<string, GridItem>>): GridFigures | null {
  let sub = { load: 0, cap: 0, n: 0 };
  let fdr = { load: 0, cap: 0, n: 0 };
  let over = 0;
  for (const item of Object.values(items)) {
    if (item.kind === 'substation') sub = { load: sub.load + item.loadKw, cap: sub.cap + item.capacityKw, n: sub.n + 1 };
    else if (item.kind === 'feeder') {
      fdr = { load: fdr.load + item.loadKw, cap: fdr.cap + item.capacityKw, n: fdr.n + 1 };
      if (item.utilisation > 0.9) over++;
    }
  }
  const use = sub.n > 0 ? sub : fdr;
  if (use.n === 0 || use.cap <= 0) return null;
  return { loadKw: use.load, capacityKw: use.cap, utilisation: use.load / use.cap, feedersOver90: over };
}

export interface AirFigures {
  aqi: number;
  level: number;
  station: string;
  stationId: string;
}

/** The worst station's AQI (ties: the first by id, so the figure does not flicker between them). */
export function worstAir(items: Readonly<Record<string, AirReading>>): AirFigures | null {
  let worst: AirFigures | null = null;
  for (const id of Object.keys(items).sort()) {
    const r = items[id];
    if (!worst || r.aqi > worst.aqi) worst = { aqi: r.aqi, level: r.aqiLevel, station: r.name, stationId: id };
  }
  return worst;
}

/** A bus more than this many seconds behind its timetable is late (the common 5-minute punctuality line). */
export const LATE_AFTER_S = 300;

export interface TransitFigures {
  late: number;
  buses: number;
  /** late / buses. */
  share: number;
}

export function busesLate(items: Readonly<Record<string, Vehicle>>, lateAfterS = LATE_AFTER_S): TransitFigures | null {
  const all = Object.values(items);
  if (all.length === 0) return null;
  const late = all.filter((v) => v.delayS > lateAfterS).length;
  return { late, buses: all.length, share: late / all.length };
}
