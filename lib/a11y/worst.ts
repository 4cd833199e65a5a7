import { congestionBand, speedRatio, type CongestionLevel } from '../domain/congestion';
import type { RoadSegment } from '../domain/road';
import type { AirReading } from '../protocol/air';
import type { Feeder, GridItem } from '../protocol/grid';
import type { TrafficReading } from '../protocol/traffic';

/**
 * What the map shows, ranked worst first, for the list view (the map's text alternative): the
 * slowest segments against their free-flow speed, the stations with the highest AQI, the feeders
 * loaded highest against their rating. Ties go to the lower id, so the order is stable between
 * updates and a screen reader does not hear rows jump for no reason.
 */
export const WORST_COUNT = 10;

export interface WorstSegment {
  id: string;
  name: string;
  speedKmh: number;
  freeFlowKmh: number;
  /** Current speed / free-flow speed (0–1.2). */
  ratio: number;
  level: CongestionLevel;
}

export interface WorstStation {
  id: string;
  name: string;
  aqi: number;
  aqiLevel: number;
  aqiStandard: AirReading['aqiStandard'];
}

export interface WorstFeeder {
  id: string;
  name: string;
  loadKw: number;
  capacityKw: number;
  utilisation: number;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Segments with a reading, slowest relative to free flow first. */
export function worstSegments(
  segments: readonly Pick<RoadSegment, 'id' | 'name' | 'freeFlowKmh'>[],
  readings: Readonly<Record<string, Pick<TrafficReading, 'speedKmh'>>>,
  count = WORST_COUNT,
): WorstSegment[] {
  const rows: WorstSegment[] = [];
  for (const s of segments) {
    const r = readings[s.id];
    if (!r) continue;
    const ratio = speedRatio(r.speedKmh, s.freeFlowKmh);
    rows.push({ id: s.id, name: s.name, speedKmh: r.speedKmh, freeFlowKmh: s.freeFlowKmh, ratio, level: congestionBand(ratio).level });
  }
  return rows.sort((a, b) => a.ratio - b.ratio || byId(a, b)).slice(0, count);
}

/** Stations, highest AQI first. */
export function worstStations(
  readings: Readonly<Record<string, Pick<AirReading, 'name' | 'aqi' | 'aqiLevel' | 'aqiStandard'>>>,
  count = WORST_COUNT,
): WorstStation[] {
  return Object.entries(readings)
    .map(([id, r]) => ({ id, name: r.name, aqi: r.aqi, aqiLevel: r.aqiLevel, aqiStandard: r.aqiStandard }))
    .sort((a, b) => b.aqi - a.aqi || byId(a, b))
    .slice(0, count);
}

/** Feeders with a reading, highest load against capacity first; named from the grid network when known. */
export function worstFeeders(
  feeders: readonly Pick<Feeder, 'id' | 'name'>[] | undefined,
  items: Readonly<Record<string, GridItem>>,
  count = WORST_COUNT,
): WorstFeeder[] {
  const names = new Map((feeders ?? []).map((f) => [f.id, f.name]));
  const rows: WorstFeeder[] = [];
  for (const [id, item] of Object.entries(items)) {
    if (item.kind !== 'feeder') continue;
    rows.push({ id, name: names.get(id) ?? id, loadKw: item.loadKw, capacityKw: item.capacityKw, utilisation: item.utilisation });
  }
  return rows.sort((a, b) => b.utilisation - a.utilisation || byId(a, b)).slice(0, count);
}
