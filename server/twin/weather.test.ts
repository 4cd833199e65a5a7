import { describe, expect, it } from 'vitest';
import { weatherReadingSchema } from '@/lib/protocol/weather';
import { CITY_CENTER } from './city';
import { sunElevationDeg } from './sun';
import { frontsNear, weatherAt } from './weather';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const YEAR_START = Date.parse('2026-01-01T00:00:00Z');

describe('the weather generator', () => {
  it('stays within physical bounds every hour of a year', () => {
    for (const seed of [1, 42]) {
      for (let t = YEAR_START; t < YEAR_START + 365 * DAY; t += HOUR) {
        const w = weatherAt(t, seed, CITY_CENTER);
        const reading = { name: 'x', location: CITY_CENTER, observedAt: new Date(t).toISOString(), ...w };
        expect(weatherReadingSchema.safeParse(reading).success).toBe(true);
        expect(w.temperatureC).toBeGreaterThan(-30);
        expect(w.temperatureC).toBeLessThan(40);
        expect(w.pressureHpa).toBeGreaterThan(950);
        expect(w.pressureHpa).toBeLessThan(1050);
        expect(w.mixingHeightM).toBeGreaterThanOrEqual(50);
      }
    }
  });

  it('is warmer in the afternoon than before dawn', () => {
    let afternoon = 0;
    let predawn = 0;
    let warmerDays = 0;
    for (let d = 0; d < 120; d++) {
      const day = YEAR_START + d * 3 * DAY;
      const pm = weatherAt(day + 14.5 * HOUR, 42, CITY_CENTER).temperatureC;
      const am = weatherAt(day + 4.5 * HOUR, 42, CITY_CENTER).temperatureC;
      afternoon += pm;
      predawn += am;
      if (pm > am) warmerDays++;
    }
    expect(afternoon / 120 - predawn / 120).toBeGreaterThan(3);
    // A front passing in the morning can make an afternoon colder than its dawn, but rarely.
    expect(warmerDays).toBeGreaterThan(100);
  });

  it('has no sun at night and sun by day', () => {
    for (let d = 0; d < 365; d += 5) {
      const day = YEAR_START + d * DAY;
      expect(weatherAt(day, 42, CITY_CENTER).solarRadiationWm2).toBe(0);
      expect(weatherAt(day + 23 * HOUR, 42, CITY_CENTER).solarRadiationWm2).toBe(0);
      expect(weatherAt(day + 11.3 * HOUR, 42, CITY_CENTER).solarRadiationWm2).toBeGreaterThan(0);
    }
  });

  it('gives sun only while the sun is up', () => {
    for (let t = YEAR_START; t < YEAR_START + 30 * DAY; t += 0.25 * HOUR) {
      if (sunElevationDeg(t, CITY_CENTER) <= 0) expect(weatherAt(t, 7, CITY_CENTER).solarRadiationWm2).toBe(0);
    }
  });

  it('shines more, and is warmer, in June than in December', () => {
    const mean = (month: number, hour: number, pick: (w: ReturnType<typeof weatherAt>) => number) => {
      let sum = 0;
      for (let d = 1; d <= 28; d++) sum += pick(weatherAt(Date.UTC(2026, month, d) + hour * HOUR, 42, CITY_CENTER));
      return sum / 28;
    };
    expect(mean(5, 11.3, (w) => w.solarRadiationWm2)).toBeGreaterThan(3 * mean(11, 11.3, (w) => w.solarRadiationWm2));
    expect(mean(5, 14, (w) => w.temperatureC)).toBeGreaterThan(mean(11, 14, (w) => w.temperatureC) + 8);
  });

  it('gives the same weather for the same seed and time, and other weather for another seed', () => {
    const t = Date.parse('2026-11-23T08:17:30Z');
    expect(weatherAt(t, 42, CITY_CENTER)).toEqual(weatherAt(t, 42, CITY_CENTER));
    expect(weatherAt(t, 42, CITY_CENTER)).not.toEqual(weatherAt(t, 43, CITY_CENTER));
  });

  it('changes smoothly: no jump of more than a degree or 2 hPa in a minute', () => {
    let prev = weatherAt(YEAR_START, 42, CITY_CENTER);
    for (let t = YEAR_START + 60_000; t < YEAR_START + 14 * DAY; t += 60_000) {
      const w = weatherAt(t, 42, CITY_CENTER);
      expect(Math.abs(w.temperatureC - prev.temperatureC)).toBeLessThan(1);
      expect(Math.abs(w.pressureHpa - prev.pressureHpa)).toBeLessThan(2);
      prev = w;
    }
  });

  it('sends a front through within any week: the pressure dips and it rains as it passes', () => {
    for (let week = 0; week < 52; week++) {
      const start = YEAR_START + week * 7 * DAY;
      const front = frontsNear(start, 42).find((f) => f.at >= start && f.at < start + 7 * DAY);
      expect(front, `a front in the week from ${new Date(start).toISOString()}`).toBeDefined();
      if (!front) continue;
      const p = (dtH: number) => weatherAt(front.at + dtH * HOUR, 42, CITY_CENTER).pressureHpa;
      expect((p(-24) + p(24)) / 2 - p(0)).toBeGreaterThan(2);
      let rain = 0;
      for (let dtH = -6; dtH <= 3; dtH += 0.5) rain = Math.max(rain, weatherAt(front.at + dtH * HOUR, 42, CITY_CENTER).precipitationMmH);
      expect(rain).toBeGreaterThan(0.3);
    }
  });

  it('traps air on calm, clear nights and mixes it high on sunny afternoons', () => {
    let night = 0;
    let afternoon = 0;
    for (let d = 150; d < 240; d++) {
      const day = YEAR_START + d * DAY;
      night += weatherAt(day + 3 * HOUR, 42, CITY_CENTER).mixingHeightM;
      afternoon += weatherAt(day + 12.5 * HOUR, 42, CITY_CENTER).mixingHeightM;
    }
    expect(night / 90).toBeLessThan(600);
    expect(afternoon / 90).toBeGreaterThan(1000);
  });
});
