import { AirTwin } from './air/air-twin';
import type { TwinContext, TwinDomain, WeatherNow } from './domain';
import { createGridDomain } from './grid/domain';
import { createIncidentsDomain } from './incidents';
import { createTransitDomain } from './transit/domain';
import { cityWeatherProvider, createWeatherDomain } from './weather-domain';

/** A calm, mild, overcast day: what the other domains feel until a weather domain says otherwise. */
export const MILD_WEATHER: WeatherNow = {
  temperatureC: 12,
  relativeHumidity: 0.7,
  windSpeedMs: 3,
  windDirectionDeg: 240,
  solarRadiationWm2: 150,
  precipitationMmH: 0,
  cloudCover: 0.6,
  mixingHeightM: 800,
};

export interface TwinDomains {
  domains: TwinDomain[];
  /** The weather the domains feel; MILD_WEATHER when no domain provides one. */
  weather: () => WeatherNow;
}

/**
 * Build the twin's domains for a city, in step order (weather first: it drives the others).
 * Each domain module adds itself here: construct it with `ctx`, push it to `domains`.
 */
export function createTwinDomains(base: Omit<TwinContext, 'weather'>): TwinDomains {
  const domains: TwinDomain[] = [];
  const weather: () => WeatherNow = cityWeatherProvider(base.city, base.seed, () => base.traffic.time);
  const ctx: TwinContext = { ...base, weather };
  void ctx;
  domains.push(createWeatherDomain(base.city, base.seed), createGridDomain(ctx));
  domains.push(createIncidentsDomain(ctx));
  domains.push(new AirTwin(ctx));
  domains.push(createTransitDomain(ctx, ctx.gtfs));
  return { domains, weather };
}
