import { describe, expect, it } from 'vitest';
import { CITY_CENTER, generateCity } from '../city';
import type { WeatherNow } from '../domain';
import { MILD_WEATHER } from '../twin-domains';
import { weatherAt } from '../weather';
import { SOC_MAX, SOC_MIN } from './battery';
import { generateGrid } from './network';
import { GridSim } from './sim';

const city = generateCity({ seed: 42, size: 2000 });
const grid = generateGrid(city, 42);
const HOUR = 3_600_000;
const STEP = 10_000;

/** The grid at one instant under the given weather (one step, so batteries have not acted). */
const snapshot = (iso: string, weather: Partial<WeatherNow>) => {
  const t = Date.parse(iso);
  const sim = new GridSim(grid, 42, t);
  sim.step(t, { ...MILD_WEATHER, ...weather });
  return sim;
};
const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
const utilisation = (sim: GridSim) => grid.network.feeders.map((f, i) => sim.netKw[i] / f.capacityKw);

describe('the grid simulation', () => {
  it('draws more on a hot afternoon than on a mild one at the same time', () => {
    const mild = snapshot('2026-07-15T15:00:00Z', { temperatureC: 18, solarRadiationWm2: 500 });
    const hot = snapshot('2026-07-15T15:00:00Z', { temperatureC: 33, solarRadiationWm2: 500 });
    for (let i = 0; i < grid.feeders.length; i++) expect(hot.demandKw[i]).toBeGreaterThan(mild.demandKw[i]);
    expect(sum(hot.netKw)).toBeGreaterThan(1.1 * sum(mild.netKw));
  });

  it('draws more on a freezing evening than on a mild one at the same time', () => {
    const mild = snapshot('2026-01-14T18:00:00Z', { temperatureC: 16, solarRadiationWm2: 0 });
    const cold = snapshot('2026-01-14T18:00:00Z', { temperatureC: -8, solarRadiationWm2: 0 });
    for (let i = 0; i < grid.feeders.length; i++) expect(cold.demandKw[i]).toBeGreaterThan(mild.demandKw[i]);
    expect(sum(cold.netKw)).toBeGreaterThan(1.2 * sum(mild.netKw));
  });

  it('lowers the midday net load when the sun shines on the rooftop panels', () => {
    const dull = snapshot('2026-06-10T11:30:00Z', { temperatureC: 20, solarRadiationWm2: 80 });
    const sunny = snapshot('2026-06-10T11:30:00Z', { temperatureC: 20, solarRadiationWm2: 850 });
    expect(sum(sunny.demandKw)).toBeCloseTo(sum(dull.demandKw), 6);
    expect(sum(sunny.solarKw)).toBeGreaterThan(5 * sum(dull.solarKw));
    expect(sum(sunny.netKw)).toBeLessThan(0.8 * sum(dull.netKw));
  });

  it('makes no solar power at night', () => {
    const night = snapshot('2026-06-10T23:00:00Z', { solarRadiationWm2: 0 });
    expect(sum(night.solarKw)).toBe(0);
  });

  it('loads each substation with the sum of its feeders', () => {
    const sim = snapshot('2026-11-18T17:30:00Z', {});
    grid.feedersOf.forEach((members, s) => {
      expect(sim.substationKw[s]).toBeCloseTo(members.reduce((acc, i) => acc + sim.netKw[i], 0), 6);
    });
    expect(grid.feedersOf.flat().sort((a, b) => a - b)).toEqual(grid.feeders.map((_, i) => i));
  });

  it('overloads some feeder on a hot weekday afternoon', () => {
    const hot = snapshot('2026-07-15T14:00:00Z', { temperatureC: 34, solarRadiationWm2: 700 });
    expect(utilisation(hot).filter((u) => u > 1).length).toBeGreaterThanOrEqual(1);
  });

  it('overloads a few feeders on a freezing evening peak, but most stay within rating', () => {
    const cold = snapshot('2026-01-14T19:00:00Z', { temperatureC: -8, solarRadiationWm2: 0 });
    const over = utilisation(cold).filter((u) => u > 1).length;
    expect(over).toBeGreaterThanOrEqual(1);
    expect(over).toBeLessThan(0.2 * grid.feeders.length);
  });

  it('overloads nothing on a mild evening peak', () => {
    const mild = snapshot('2026-11-18T19:00:00Z', { temperatureC: 12, solarRadiationWm2: 0 });
    expect(Math.max(...utilisation(mild))).toBeLessThan(1);
  });

  it('keeps batteries within their charge band and power rating over three days of real weather', () => {
    const start = Date.parse('2026-07-13T00:00:00Z');
    const sim = new GridSim(grid, 42, start);
    const batteries = grid.network.batteries;
    const minSoc = batteries.map(() => 1);
    const maxSoc = batteries.map(() => 0);
    const maxPowerShare = batteries.map(() => 0);
    let [charged, discharged] = [false, false];
    for (let t = start + STEP; t <= start + 72 * HOUR; t += STEP) {
      sim.step(t, weatherAt(t, 42, CITY_CENTER));
      batteries.forEach((b, k) => {
        minSoc[k] = Math.min(minSoc[k], sim.soc[k]);
        maxSoc[k] = Math.max(maxSoc[k], sim.soc[k]);
        maxPowerShare[k] = Math.max(maxPowerShare[k], Math.abs(sim.batteryPowerKw[k]) / b.powerKw);
        charged ||= sim.batteryPowerKw[k] < 0;
        discharged ||= sim.batteryPowerKw[k] > 0;
      });
    }
    for (let k = 0; k < batteries.length; k++) {
      expect(minSoc[k]).toBeGreaterThanOrEqual(SOC_MIN - 1e-9);
      expect(maxSoc[k]).toBeLessThanOrEqual(SOC_MAX + 1e-9);
      expect(maxPowerShare[k]).toBeLessThanOrEqual(1 + 1e-9);
    }
    expect(charged).toBe(true);
    expect(discharged).toBe(true);
  });

  it('charges batteries around midday and discharges them into the evening peak', () => {
    const start = Date.parse('2026-07-14T00:00:00Z');
    const sim = new GridSim(grid, 42, start);
    let midday = 0;
    let evening = 0;
    for (let t = start + STEP; t <= start + 24 * HOUR; t += STEP) {
      sim.step(t, weatherAt(t, 42, CITY_CENTER));
      const h = new Date(t).getUTCHours();
      const p = sum(sim.batteryPowerKw);
      if (h >= 10 && h < 15) midday += p;
      if (h >= 17 && h < 21) evening += p;
    }
    expect(midday).toBeLessThan(0);
    expect(evening).toBeGreaterThan(0);
  });
});
