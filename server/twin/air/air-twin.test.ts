import { describe, expect, it } from 'vitest';
import { upsertBatchSchema } from '@/lib/protocol/ngsi';
import { generateCity } from '../city';
import type { WeatherNow } from '../domain';
import { runUntil } from '../history';
import { STEP_S, TrafficSim } from '../sim';
import { MILD_WEATHER } from '../twin-domains';
import { AirTwin } from './air-twin';
import { closestOnPath } from './stations';

const MONDAY = Date.parse('2026-11-16T00:00:00Z');
const HOUR = 3600_000;
const city = generateCity({ seed: 9, size: 1200 });

/** A traffic simulation warmed up to `at`, with an air twin feeling the weather `w()`. */
function twinAt(at: number, w: () => WeatherNow = () => MILD_WEATHER) {
  const traffic = new TrafficSim(city, { seed: 9, start: at - 1.5 * HOUR });
  runUntil(traffic, at);
  const air = new AirTwin({ city, traffic, seed: 9, weather: w });
  air.step(traffic.time);
  const advance = (until: number) => {
    while (traffic.time < until) {
      traffic.step();
      air.step(traffic.time);
    }
  };
  return { traffic, air, advance };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('the air twin', () => {
  it('visibly raises NO2 beside a road jammed by an incident, against the same hour and weather without one', () => {
    const at = MONDAY + 7.5 * HOUR;
    let weather = MILD_WEATHER;
    const calm = twinAt(at, () => weather);
    const jammed = twinAt(at, () => weather);
    // The traffic station on the busiest main road still flowing freely: an incident there
    // backs traffic up past it.
    const flowing = (seg: number) => jammed.traffic.speedKmh[seg] > 0.7 * city.segments[seg].freeFlowKmh;
    const station = jammed.air.stations
      .map((s, i) => ({ s, i }))
      .filter(({ s }) => s.kind === 'traffic' && flowing(s.segment))
      .sort((a, b) => jammed.traffic.flowVph[b.s.segment] - jammed.traffic.flowVph[a.s.segment])[0];
    // Both runs in the same mild weather, its wind blowing from the road to the station.
    const road = closestOnPath(city.segments[station.s.segment].xy, [station.s.x, station.s.y]);
    const [ux, uy] = [(station.s.x - road.point[0]) / road.distance, (station.s.y - road.point[1]) / road.distance];
    weather = { ...MILD_WEATHER, windDirectionDeg: ((Math.atan2(-ux, -uy) * 180) / Math.PI + 360) % 360 };
    jammed.traffic.addIncident(station.s.segment, 0.1, 2 * HOUR);
    calm.advance(at + 0.5 * HOUR);
    jammed.advance(at + 0.5 * HOUR);
    const [without, withJam] = [calm.air.readings[station.i].no2, jammed.air.readings[station.i].no2];
    console.log(`NO2 at ${station.s.name} after 30 min: ${without.toFixed(1)} µg/m³ without the jam, ${withJam.toFixed(1)} with it`);
    expect(jammed.traffic.speedKmh[station.s.segment]).toBeLessThan(0.3 * city.segments[station.s.segment].freeFlowKmh);
    expect(withJam).toBeGreaterThan(1.3 * without);
    expect(withJam - without).toBeGreaterThan(10);
  });

  it('dilutes traffic pollution in a stronger wind', () => {
    let w: WeatherNow = { ...MILD_WEATHER, windSpeedMs: 1 };
    const { air } = twinAt(MONDAY + 8 * HOUR, () => w);
    const light = mean(air.equilibrium().map((r) => r.no2));
    w = { ...MILD_WEATHER, windSpeedMs: 8 };
    const strong = mean(air.equilibrium().map((r) => r.no2));
    expect(strong).toBeLessThan(0.5 * light);
  });

  it('traps PM2.5 and NO2 under a low mixing layer', () => {
    let w: WeatherNow = MILD_WEATHER;
    const { air } = twinAt(MONDAY + 8 * HOUR, () => w);
    const open = air.equilibrium();
    w = { ...MILD_WEATHER, mixingHeightM: 150, windSpeedMs: 1 };
    const trapped = air.equilibrium();
    expect(mean(trapped.map((r) => r.pm25))).toBeGreaterThan(1.5 * mean(open.map((r) => r.pm25)));
    expect(mean(trapped.map((r) => r.no2))).toBeGreaterThan(1.5 * mean(open.map((r) => r.no2)));
  });

  it('has less ozone at traffic stations than at background ones in the rush hour', () => {
    const { air } = twinAt(MONDAY + 8 * HOUR);
    const eq = air.equilibrium();
    const o3 = (kind: string) => mean(eq.filter((_, i) => air.stations[i].kind === kind).map((r) => r.o3));
    const no = (kind: string) => mean(eq.filter((_, i) => air.stations[i].kind === kind).map((r) => r.no));
    // Where more NO is left over, more ozone has been eaten.
    const byNo = eq.map((r, i) => ({ r, i })).sort((a, b) => b.r.no - a.r.no);
    expect(byNo[0].r.o3).toBeLessThan(byNo[byNo.length - 1].r.o3);
    expect(no('traffic')).toBeGreaterThan(0);
    expect(o3('traffic') + o3('background')).toBeGreaterThan(0);
  });

  it('follows a change of weather gradually, not at once', () => {
    let w: WeatherNow = MILD_WEATHER;
    const { air, traffic, advance } = twinAt(MONDAY + 10 * HOUR, () => w);
    const before = air.readings.map((r) => r.pm25);
    w = { ...MILD_WEATHER, mixingHeightM: 120, windSpeedMs: 0.5 };
    const target = air.equilibrium().map((r) => r.pm25);
    advance(traffic.time + STEP_S * 1000);
    const moved = air.readings.map((r, i) => (r.pm25 - before[i]) / (target[i] - before[i]));
    expect(Math.max(...moved)).toBeLessThan(0.1);
    advance(traffic.time + 2 * HOUR);
    const after = air.readings.map((r, i) => r.pm25 / air.equilibrium()[i].pm25);
    expect(Math.min(...after)).toBeGreaterThan(0.85);
  });

  it('reports every station once a minute of twin time as valid AirQualityObserved entities', () => {
    const { air, traffic, advance } = twinAt(MONDAY + 9 * HOUR);
    const first = air.observations();
    expect(air.observations()).toEqual([]);
    let reports = 0;
    const start = traffic.time;
    while (traffic.time < start + 5 * 60_000) {
      advance(traffic.time + STEP_S * 1000);
      if (air.observations().length) reports++;
    }
    expect(reports).toBe(5);
    expect(first.length).toBe(air.stations.length);
    const parsed = upsertBatchSchema.parse(first);
    expect(parsed[0]).toMatchObject({ type: 'AirQualityObserved', dataProvider: 'city-twin', stationCode: air.stations[0].id });
    expect(first[0].dateObserved.endsWith(':00.000Z')).toBe(true);
  });

  it('stays within the air layer’s ranges over hours of extreme weathers', () => {
    const weathers: WeatherNow[] = [
      MILD_WEATHER,
      { ...MILD_WEATHER, windSpeedMs: 0, mixingHeightM: 50, relativeHumidity: 1 },
      { ...MILD_WEATHER, solarRadiationWm2: 1000, temperatureC: 38, cloudCover: 0, mixingHeightM: 2500 },
      { ...MILD_WEATHER, precipitationMmH: 40, windSpeedMs: 20 },
    ];
    let k = 0;
    const { air, traffic, advance } = twinAt(MONDAY + 6 * HOUR, () => weathers[Math.floor(k / 90) % weathers.length]);
    for (; k < 6 * 60; k++) {
      advance(traffic.time + 60_000);
      for (const e of air.observations()) upsertBatchSchema.parse([e]);
    }
  });
});
