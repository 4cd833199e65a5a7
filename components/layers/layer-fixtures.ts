import type { GridItem, GridNetwork } from '@/lib/protocol/grid';
import type { TransitNetwork, Vehicle } from '@/lib/protocol/transit';
import type { AirReading } from '@/lib/protocol/air';
import type { Incident } from '@/lib/protocol/incidents';

/** Small, valid examples of each layer's data for layer tests; functions, so no test shares state. */
export const at = '2026-11-22T08:00:00Z';

export function gridNetwork(): GridNetwork {
  return {
    substations: [
      { id: 'S1', name: 'North', location: [10, 50], capacityKw: 10_000 },
      { id: 'S2', name: 'South', location: [10, 49.9], capacityKw: 10_000 },
    ],
    feeders: [
      { id: 'F1', name: 'North 1', substationId: 'S1', path: [[10, 50], [10.01, 50]], capacityKw: 1000 },
      { id: 'F2', name: 'North 2', substationId: 'S1', path: [[10, 50], [10, 50.01]], capacityKw: 1000 },
    ],
    batteries: [{ id: 'B1', name: 'Depot battery', location: [10.01, 50], feederId: 'F1', energyKwh: 2000, powerKw: 500 }],
  };
}

export const feederItem = (utilisation: number): GridItem => ({
  kind: 'feeder',
  loadKw: utilisation * 1000,
  capacityKw: 1000,
  utilisation,
  solarKw: 50,
  evKw: 20,
  observedAt: at,
});
export const substationItem = (loadKw: number): GridItem => ({ kind: 'substation', loadKw, capacityKw: 10_000, utilisation: loadKw / 10_000, observedAt: at });

export function airReading(name: string, aqi: number, aqiLevel: number, location: [number, number] = [10, 50]): AirReading {
  return { name, location, pm25: 12.3, pm10: 20, no2: 40, o3: 60, co: 0.4, aqi, aqiLevel, aqiStandard: 'us-epa', dominant: 'no2', observedAt: at };
}

export function transitNetwork(): TransitNetwork {
  return {
    agency: 'Polis Transit',
    routes: [{ id: 'R1', shortName: '1', longName: 'Ring', color: 'FF0000', textColor: 'FFFFFF' }],
    shapes: [{ id: 'SH1', routeId: 'R1', path: [[10, 50], [10.02, 50]] }],
    stops: [{ id: 'ST1', name: 'Market Square', location: [10.01, 50] }],
  };
}

export const bus = (bearing: number, delayS = 0, routeId = 'R1'): Vehicle => ({
  routeId,
  tripId: 'T1',
  location: [10.005, 50],
  bearing,
  speedKmh: 25,
  delayS,
  nextStopId: 'ST1',
  status: 'IN_TRANSIT_TO',
  observedAt: at,
});

export const incident = (kind: Incident['kind'], severity: Incident['severity'] = 'medium'): Incident => ({
  kind,
  severity,
  segmentId: 'seg-1',
  location: [10, 50],
  description: 'Two cars',
  capacityFactor: 0.5,
  startedAt: at,
  endsAt: null,
});
