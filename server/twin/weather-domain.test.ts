import { describe, expect, it } from 'vitest';
import { upsertBatchSchema } from '@/lib/protocol/ngsi';
import { weatherObservedEntitySchema } from '@/lib/protocol/ngsi-weather';
import { generateCity } from './city';
import { cityWeatherProvider, createWeatherDomain, stationWeather, weatherStations } from './weather-domain';

const city = generateCity({ seed: 5, size: 400 });
const NIGHT = Date.parse('2026-08-10T02:00:00Z');

describe('the weather domain of the twin', () => {
  it('reports a valid WeatherObserved for each of its two stations', () => {
    const domain = createWeatherDomain(city, 5);
    domain.step(NIGHT);
    const entities = domain.observations();
    expect(entities).toHaveLength(2);
    expect(upsertBatchSchema.safeParse(entities).success).toBe(true);
    for (const e of entities) expect(weatherObservedEntitySchema.parse(e).dataProvider).toBe('city-twin');
  });

  it('reports once a minute of twin time, however often it is asked', () => {
    const domain = createWeatherDomain(city, 5);
    let reports = 0;
    for (let t = NIGHT; t < NIGHT + 10 * 60_000; t += 10_000) {
      domain.step(t);
      if (domain.observations().length) reports++;
      if (domain.observations().length) reports += 100;
    }
    expect(reports).toBe(10);
  });

  it('needs no registration: every observation carries its station and location', () => {
    expect(createWeatherDomain(city, 5).registration()).toEqual([]);
  });

  it('reads warmer in the centre than on the open edge on a calm night (heat island)', () => {
    const [centre, edge] = weatherStations(city);
    let warmer = 0;
    for (let d = 0; d < 30; d++) {
      const t = NIGHT + d * 86_400_000;
      if (stationWeather(centre, t, 5).temperatureC > stationWeather(edge, t, 5).temperatureC) warmer++;
    }
    expect(warmer).toBeGreaterThan(20);
  });

  it('gives the other domains the centre station weather at the twin time', () => {
    let now = NIGHT;
    const weather = cityWeatherProvider(city, 5, () => now);
    expect(weather()).toEqual(stationWeather(weatherStations(city)[0], NIGHT, 5));
    now += 6 * 3_600_000;
    expect(weather()).toEqual(stationWeather(weatherStations(city)[0], now, 5));
  });
});
