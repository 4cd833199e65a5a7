import type { LonLat } from '@/lib/domain/road';
import type { WeatherNow } from './domain';
import { fractalNoise, hash01 } from './noise';
import { clearSkyGhi, cloudTransmission, dayOfYear, solarHour, sunElevationDeg } from './sun';

/**
 * The city's weather as a pure function of time and seed: seasonal and daily cycles, smooth
 * day-to-day drift, and fronts that pass every few days. Nothing is stepped, so the live twin,
 * a history backfill and a test asking for the same instant all get the same weather.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** One front per slot, placed in the middle 60 % of it: fronts 1.6–6.4 days apart, so one passes every week. */
export const FRONT_SLOT_MS = 4 * DAY;

export interface Weather extends WeatherNow {
  /** hPa at station level. */
  pressureHpa: number;
  /** The data model's weather type, e.g. "lightRain" or "sunnyDay". */
  weatherType: string;
}

export interface Front {
  /** When it passes the city. */
  at: number;
  kind: 'cold' | 'warm';
  /** 0.6–1.2: how marked its pressure dip, rain, wind and temperature change are. */
  strength: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const gauss = (x: number, sigma: number) => Math.exp(-0.5 * (x / sigma) ** 2);
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The front of slot `k` (slot k covers [k, k+1) × FRONT_SLOT_MS since the epoch). */
export function frontOfSlot(k: number, seed: number): Front {
  return {
    at: (k + 0.2 + 0.6 * hash01(seed, 101, k)) * FRONT_SLOT_MS,
    kind: hash01(seed, 102, k) < 0.7 ? 'cold' : 'warm',
    strength: 0.6 + 0.6 * hash01(seed, 103, k),
  };
}

/** Fronts close enough to `time` to still be felt (about two days either side). */
export function frontsNear(time: number, seed: number): Front[] {
  const k = Math.floor(time / FRONT_SLOT_MS);
  return [k - 2, k - 1, k, k + 1].map((j) => frontOfSlot(j, seed));
}

interface FrontEffect {
  pressure: number;
  cloud: number;
  rain: number;
  wind: number;
  veer: number;
  temperature: number;
}

/** What one front does `dtH` hours after it passed (negative: before it arrives). */
function frontEffect(f: Front, dtH: number, seed: number): FrontEffect {
  const s = f.strength;
  const k = Math.floor(f.at / FRONT_SLOT_MS);
  const cold = f.kind === 'cold';
  // Warm fronts: broad light rain ahead of the front; cold fronts: a short, heavier band at it.
  const rain = cold
    ? (1.5 + 5 * hash01(seed, 104, k)) * s * gauss(dtH, 1.8)
    : (0.6 + 1.8 * hash01(seed, 104, k)) * s * gauss(dtH + 3, 4);
  const after = sigmoid(dtH / 2) * Math.exp(-Math.max(0, dtH) / 40);
  return {
    pressure: -(10 + 6 * hash01(seed, 105, k)) * s * gauss(dtH, 9),
    cloud: 0.75 * s * gauss(dtH + 4, 9),
    rain,
    wind: 4.5 * s * gauss(dtH, 5),
    // Backing to the south ahead of it, veering to the north-west behind it.
    veer: -25 * gauss(dtH + 6, 6) + (cold ? 70 : 35) * after,
    // A cold front's warm sector ahead, colder air behind; a warm front brings milder air.
    temperature: cold ? 1.2 * gauss(dtH + 8, 6) - (3.5 + 3 * hash01(seed, 106, k)) * s * after : (2.5 + 2 * hash01(seed, 106, k)) * s * after,
  };
}

/** Magnus formula: saturation vapour pressure over water, hPa. */
const saturation = (tC: number) => 6.1094 * Math.exp((17.625 * tC) / (243.04 + tC));

/** Daily temperature shape in [−1, 1]: coldest near 05:00 solar time, warmest at 15:00. */
function diurnalShape(hSolar: number): number {
  if (hSolar >= 5 && hSolar < 15) return -Math.cos((Math.PI * (hSolar - 5)) / 10);
  return Math.cos((Math.PI * ((((hSolar - 15) % 24) + 24) % 24)) / 14);
}

function weatherTypeOf(rain: number, cloud: number, sunUp: boolean): string {
  if (rain >= 4) return 'heavyRain';
  if (rain >= 0.2) return 'lightRain';
  if (rain > 0) return 'drizzle';
  if (cloud > 0.85) return 'overcast';
  if (cloud > 0.55) return 'cloudy';
  if (cloud > 0.25) return 'partlyCloudy';
  return sunUp ? 'sunnyDay' : 'clearNight';
}

/** The weather at `place` and `time` for a seed (same inputs, same weather). */
export function weatherAt(time: number, seed: number, place: LonLat): Weather {
  const doy = dayOfYear(time);
  // 0 in mid-January, 1 in mid-July.
  const summer = (1 - Math.cos((2 * Math.PI * (doy - 15)) / 365)) / 2;
  const fronts = frontsNear(time, seed).map((f) => frontEffect(f, (time - f.at) / HOUR, seed));
  const sum = (key: keyof FrontEffect) => fronts.reduce((acc, e) => acc + e[key], 0);

  const elevation = sunElevationDeg(time, place);
  const cloudBase = 0.55 - 0.2 * summer + 0.35 * fractalNoise(time, 1.3 * DAY, seed, 2);
  const showers = Math.max(0, fractalNoise(time, 5 * HOUR, seed, 6) - 0.45) * 5 * Math.max(0, cloudBase - 0.55) * 2.2;
  const precipitation = clamp(sum('rain') + showers, 0, 60);
  const cloudCover = clamp(cloudBase + sum('cloud') + (precipitation > 0.1 ? 0.3 : 0), 0, 1);

  // Seasonal mean (about 0.5 °C in January, 18 °C in July), drift, fronts, then the daily cycle.
  // Spells (heat waves, cold snaps) over a week or two, weather over a few days.
  const anomaly = 5 * fractalNoise(time, 9 * DAY, seed, 8) + 3 * fractalNoise(time, 2.5 * DAY, seed, 1);
  const dailyMean = 0.5 + 17.5 * summer + anomaly + sum('temperature');
  const amplitude = (3 + 4 * summer) * (1 - 0.6 * cloudCover);
  const temperatureC = clamp(dailyMean + amplitude * diurnalShape(solarHour(time, place[0])) - 0.8 * Math.min(precipitation, 3), -40, 45);

  // Dew point sits a little below the night's low: near it under cloud and rain (fog, drizzle),
  // further below on clear, dry days.
  const spread = Math.max(0.2, 1.5 + 3 * (1 - cloudCover) + 1.2 * fractalNoise(time, 1.7 * DAY, seed, 7) - (precipitation > 0 ? 1.5 : 0));
  const dewPoint = Math.min(temperatureC - 0.1, dailyMean - amplitude - spread);
  const relativeHumidity = clamp(saturation(dewPoint) / saturation(temperatureC), 0.15, 1);

  const sunUp = elevation > 0;
  const windSpeedMs = clamp(
    3.2 + 1.8 * fractalNoise(time, 1.5 * DAY, seed, 3) + (sunUp ? 1 * Math.sin((elevation * Math.PI) / 180) : 0) + sum('wind'),
    0.2,
    35,
  );
  const windDirectionDeg = (((240 + 55 * fractalNoise(time, 3 * DAY, seed, 4) + sum('veer')) % 360) + 360) % 360;
  const solarRadiationWm2 = clearSkyGhi(elevation) * cloudTransmission(cloudCover);

  // Mixing layer: mechanical mixing by the wind at any hour; convection on sunny, warm days.
  const mechanical = 60 + 70 * windSpeedMs;
  const convective = solarRadiationWm2 * 2.6 * (0.6 + 0.4 * clamp((temperatureC + 5) / 30, 0, 1));
  const mixingHeightM = clamp(Math.max(mechanical, convective), 50, 3000);

  const pressureHpa = clamp(1014 + 9 * fractalNoise(time, 4 * DAY, seed, 5) + sum('pressure'), 950, 1050);
  const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
  return {
    temperatureC: round(temperatureC, 2),
    relativeHumidity: round(relativeHumidity, 3),
    windSpeedMs: round(windSpeedMs, 2),
    windDirectionDeg: round(windDirectionDeg, 1) % 360,
    solarRadiationWm2: round(solarRadiationWm2, 1),
    precipitationMmH: round(precipitation, 2),
    cloudCover: round(cloudCover, 3),
    mixingHeightM: Math.round(mixingHeightM),
    pressureHpa: round(pressureHpa, 1),
    weatherType: weatherTypeOf(round(precipitation, 2), cloudCover, sunUp),
  };
}
