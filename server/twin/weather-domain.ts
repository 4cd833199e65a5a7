import type { LonLat } from '@/lib/domain/road';
import { NGSI_LD_CORE_CONTEXT } from '@/lib/protocol/ngsi';
import { SDM_WEATHER_CONTEXT, type WeatherObservedEntity } from '@/lib/protocol/ngsi-weather';
import type { City } from './city';
import type { TwinDomain } from './domain';
import { DATA_PROVIDER } from './ngsi';
import { sunElevationDeg } from './sun';
import { weatherAt, type Weather } from './weather';

/** Stations report once a minute of twin time, as a typical automatic weather station does. */
export const WEATHER_REPORT_MS = 60_000;

export interface WeatherStation {
  id: string;
  name: string;
  location: LonLat;
  /** Urban heat island: how much warmer than open country it reads on a calm, clear night (°C). */
  heatIsland: number;
  /** Wind at this site relative to the open-country generator (buildings slow it). */
  windFactor: number;
}

/** Two stations: one in the centre (warmer nights, sheltered), one on the open edge of town. */
export function weatherStations(city: City): WeatherStation[] {
  const { minX, maxX, minY, maxY } = city.extent;
  return [
    { id: 'ws-centre', name: `${city.name} Centre weather station`, location: city.toLonLat(0, 0), heatIsland: 1.8, windFactor: 0.75 },
    {
      id: 'ws-airfield',
      name: `${city.name} Airfield weather station`,
      location: city.toLonLat(minX + 0.85 * (maxX - minX), minY + 0.8 * (maxY - minY)),
      heatIsland: 0,
      windFactor: 1.1,
    },
  ];
}

/** The weather a station reads: the open-country weather, adjusted for its site. */
export function stationWeather(station: WeatherStation, time: number, seed: number): Weather {
  const w = weatherAt(time, seed, station.location);
  // The heat island shows at night, and when it is calm and clear.
  const night = sunElevationDeg(time, station.location) < 5 ? 1 : 0.3;
  const calm = Math.max(0, 1 - w.windSpeedMs / 8) * (1 - 0.7 * w.cloudCover);
  const temperatureC = Math.round((w.temperatureC + station.heatIsland * night * calm) * 100) / 100;
  return { ...w, temperatureC, windSpeedMs: Math.round(w.windSpeedMs * station.windFactor * 100) / 100 };
}

export function weatherObservedEntity(station: WeatherStation, w: Weather, time: number): WeatherObservedEntity {
  return {
    '@context': [NGSI_LD_CORE_CONTEXT, SDM_WEATHER_CONTEXT],
    id: `urn:ngsi-ld:WeatherObserved:${station.id}`,
    type: 'WeatherObserved',
    name: station.name,
    stationCode: station.id,
    location: { type: 'Point', coordinates: station.location },
    dateObserved: new Date(time).toISOString(),
    temperature: w.temperatureC,
    relativeHumidity: w.relativeHumidity,
    windSpeed: w.windSpeedMs,
    windDirection: w.windDirectionDeg,
    solarRadiation: w.solarRadiationWm2,
    precipitation: w.precipitationMmH,
    atmosphericPressure: w.pressureHpa,
    weatherType: w.weatherType,
    cloudCover: w.cloudCover,
    mixingLayerHeight: w.mixingHeightM,
    dataProvider: DATA_PROVIDER,
  };
}

/**
 * The twin's weather domain: WeatherObserved from each station once a minute of twin time.
 * Stations need no registration: every observation carries its location.
 */
export function createWeatherDomain(city: City, seed: number): TwinDomain {
  const stations = weatherStations(city);
  let time = 0;
  let reportedMinute = -1;
  return {
    name: 'weather',
    registration: () => [],
    step: (t) => {
      time = t;
    },
    observations: () => {
      // Once per minute crossed, however many steps ran since the last report.
      const minute = Math.floor(time / WEATHER_REPORT_MS);
      if (minute === reportedMinute) return [];
      reportedMinute = minute;
      return stations.map((s) => weatherObservedEntity(s, stationWeather(s, time, seed), time));
    },
  };
}

/**
 * The weather the other domains feel: the centre station's, at the twin's current time. Cached
 * per instant, as every domain asks for it in the same step.
 */
export function cityWeatherProvider(city: City, seed: number, now: () => number): () => Weather {
  const centre = weatherStations(city)[0];
  let at = NaN;
  let held: Weather | null = null;
  return () => {
    const t = now();
    if (held === null || t !== at) [at, held] = [t, stationWeather(centre, t, seed)];
    return held;
  };
}
