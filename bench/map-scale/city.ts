/**
 * The synthetic city of bench/map-scale, shared by the bench's server (network and snapshots,
 * served as JSON like /api/network and the subscribe ack) and its page (deltas in the gateway's
 * wire form). Deterministic: ids and positions come from the index and one seeded stream.
 */
import type { RoadSegment } from '@/lib/domain/road';
import type { AirReading } from '@/lib/protocol/air';
import type { LayerDelta, LayerSnapshot } from '@/lib/protocol/socket';
import type { TrafficReading } from '@/lib/protocol/traffic';
import type { Vehicle } from '@/lib/protocol/transit';

export interface CityParams {
  segments: number;
  sensors: number;
  buses: number;
}

/** A small linear congruential stream: the same numbers in Node and in the browser. */
export function stream(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

const classes: RoadSegment['roadClass'][] = ['motorway', 'primary', 'secondary', 'tertiary', 'residential'];
const WEST = 9.9;
const SOUTH = 51.5;

/** A grid of streets about 60 m apart, each segment a 3-vertex polyline, both directions. */
export function network(n: number): RoadSegment[] {
  const side = Math.ceil(Math.sqrt(n / 2));
  const out: RoadSegment[] = [];
  for (let i = 0; out.length < n; i++) {
    const x = i % side;
    const y = Math.floor(i / side) % side;
    const lon = WEST + x * 0.0008;
    const lat = SOUTH + y * 0.0006;
    const horizontal = Math.floor(i / (side * side)) % 2 === 0;
    const path: [number, number][] = horizontal
      ? [[lon, lat], [lon + 0.0004, lat + 0.00002], [lon + 0.0008, lat]]
      : [[lon, lat], [lon + 0.00002, lat + 0.0003], [lon, lat + 0.0006]];
    out.push({ id: `s${out.length}`, name: `Street ${out.length}`, roadClass: classes[i % 5], lanes: 2, freeFlowKmh: 50, capacityVph: 1800, lengthM: 60, path });
  }
  return out;
}

type WireReading = Omit<TrafficReading, 'observedAt'>;
type WireAir = Omit<AirReading, 'observedAt'>;
type WireBus = Omit<Vehicle, 'observedAt'>;

const reading = (rand: () => number): WireReading => ({ speedKmh: Math.round((5 + rand() * 50) * 10) / 10, flowVph: Math.round(300 + rand() * 1200), occupancy: Math.round(rand() * 100) / 100 });

function station(i: number, rand: () => number): WireAir {
  const aqi = Math.round(10 + rand() * 140);
  return {
    name: `Sensor ${i}`,
    location: [WEST + (i % 40) * 0.003 + 0.001, SOUTH + Math.floor(i / 40) * 0.0035 + 0.001],
    pm25: Math.round(rand() * 600) / 10,
    pm10: Math.round(rand() * 900) / 10,
    no2: Math.round(rand() * 800) / 10,
    o3: Math.round(rand() * 1200) / 10,
    co: Math.round(rand() * 20) / 10,
    aqi,
    aqiLevel: Math.min(6, 1 + Math.floor(aqi / 50)),
    aqiStandard: 'us-epa',
    dominant: 'pm25',
  };
}

function bus(i: number, rand: () => number, t: number): WireBus {
  return {
    routeId: `r${i % 40}`,
    tripId: `t${i}`,
    location: [WEST + 0.01 + ((i * 37) % 100) * 0.001 + t * 0.00001, SOUTH + 0.01 + ((i * 53) % 70) * 0.001],
    bearing: Math.round(rand() * 359),
    speedKmh: Math.round(rand() * 40),
    delayS: Math.round(rand() * 600 - 120),
    nextStopId: `p${i % 300}`,
    status: 'IN_TRANSIT_TO',
  };
}

export const timeAt = (tick: number) => new Date(Date.UTC(2026, 10, 25, 8, 0, tick)).toISOString();

/** The whole snapshots a subscribe ack carries at version 1. */
export function snapshots(p: CityParams) {
  const rand = stream(7);
  const asOf = timeAt(0);
  const stamp = <T extends object>(x: T) => ({ ...x, observedAt: asOf });
  const traffic: LayerSnapshot<'traffic'> = { layer: 'traffic', version: 1, asOf, items: {} };
  for (let i = 0; i < p.segments; i++) traffic.items[`s${i}`] = stamp(reading(rand));
  const air: LayerSnapshot<'air'> = { layer: 'air', version: 1, asOf, items: {} };
  for (let i = 0; i < p.sensors; i++) air.items[`q${i}`] = stamp(station(i, rand));
  const transit: LayerSnapshot<'transit'> = { layer: 'transit', version: 1, asOf, items: {} };
  for (let i = 0; i < p.buses; i++) transit.items[`b${i}`] = stamp(bus(i, rand, 0));
  return { traffic, air, transit };
}

/**
 * One second's deltas as the gateway sends them (observedAt left out: it is the delta's asOf):
 * `changed` random segments, every sensor and every bus. Tick 1 applies to version 1.
 */
export function tickDeltas(p: CityParams, tick: number, changed: number, rand: () => number): LayerDelta[] {
  const asOf = timeAt(tick);
  const v = { baseVersion: tick, version: tick + 1, asOf, remove: [] };
  const traffic: Record<string, WireReading> = {};
  for (let k = 0; k < changed; k++) traffic[`s${Math.floor(rand() * p.segments)}`] = reading(rand);
  const air: Record<string, WireAir> = {};
  for (let i = 0; i < p.sensors; i++) air[`q${i}`] = station(i, rand);
  const transit: Record<string, WireBus> = {};
  for (let i = 0; i < p.buses; i++) transit[`b${i}`] = bus(i, rand, tick);
  return [
    { layer: 'traffic', ...v, upsert: traffic },
    { layer: 'air', ...v, upsert: air },
    { layer: 'transit', ...v, upsert: transit },
  ];
}
