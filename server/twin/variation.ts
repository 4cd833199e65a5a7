import { fractalNoise, hash01 } from './noise';

/**
 * How a real city departs from its usual day, as pure functions of time and seed (the same in
 * the live twin, a history backfill and a test). Without these the twin repeated itself by time
 * of week, and nothing recent could tell a forecaster more than the historical average:
 *
 * - Activity: every day has its own level of travel and business (±6 % of a typical day of its
 *   kind, standard deviation; busier and quieter spells last a few days), plus a wander of ±3 %
 *   over a few hours within the day. Day-to-day variation of urban weekday traffic volumes is
 *   typically 5–10 % (coefficient of variation of daily counts); it persists for days (school
 *   holidays, weather spells, events).
 * - Rain slows traffic and cuts capacity (HCM 2010 ch. 10: light rain lowers free-flow speed by a
 *   few per cent and capacity by ~10 %; heavy rain by 10–15 %).
 * - Regional particulate episodes: long-range transport and secondary aerosol raise or lower the
 *   PM background for days at a time (a factor of ~0.6–1.6 here), beyond what local weather does.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Days start at 04:00 city time, the quietest hour: a day's level never switches mid-peak. */
const DAY_START_MS = 4 * HOUR;
/** Persistence of a day's level into the next (busy spells last a few days). */
const DAY_PERSISTENCE = 0.5;
/** Scale of the daily shock so the level's standard deviation is about 0.06. */
const DAY_SHOCK = 0.09;

/** Departure of day `d`'s level from a typical day: an AR(1) over days from seeded shocks. */
function dayLevel(d: number, seed: number): number {
  let level = 0;
  for (let j = 0, w = 1; j < 6; j++, w *= DAY_PERSISTENCE) level += w * (2 * hash01(seed, 401, d - j) - 1);
  return DAY_SHOCK * level;
}

/** The city's activity (travel demand, business hours' electricity) relative to a typical day of its kind: about 0.85–1.15. */
export function activityAt(time: number, seed: number): number {
  const x = (time - DAY_START_MS) / DAY;
  const d = Math.floor(x);
  // Ease from yesterday's level over the first hour of the new day (04:00–05:00).
  const f = Math.min(1, (x - d) * 24);
  const w = (1 - Math.cos(Math.PI * f)) / 2;
  const level = dayLevel(d - 1, seed) * (1 - w) + dayLevel(d, seed) * w;
  return 1 + level + 0.03 * fractalNoise(time, 3 * HOUR, seed, 402);
}

/** Share of free-flow speed left in rain of `mmH` (mm/h): −4 % in light rain, down to −12 % in heavy. */
export function rainSpeedFactor(mmH: number): number {
  const r = Math.max(0, mmH);
  return 1 - 0.04 * Math.min(1, r / 0.5) - 0.08 * Math.min(1, Math.max(0, r - 0.5) / 6);
}

/** Share of road capacity left in rain of `mmH` (mm/h): −10 % from 2 mm/h, −15 % in heavy rain. */
export function rainCapacityFactor(mmH: number): number {
  const r = Math.max(0, mmH);
  return 1 - 0.1 * Math.min(1, r / 2) - 0.05 * Math.min(1, Math.max(0, r - 2) / 6);
}

/** The regional particulate background relative to its usual level: multi-day episodes, about 0.6–1.6. */
export function regionalPmEpisode(time: number, seed: number): number {
  return Math.exp(0.3 * (fractalNoise(time, 2.5 * DAY, seed, 403) + 0.5 * fractalNoise(time, 0.6 * DAY, seed, 404)));
}
