import type { LonLat } from '@/lib/domain/road';

const DEG = Math.PI / 180;
const DAY_MS = 86_400_000;

/** Day of the year, 0-based, with its fraction (UTC). */
export function dayOfYear(time: number): number {
  const d = new Date(time);
  return (time - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS;
}

/** Local mean solar time in hours (0–24) at a longitude: noon is when the sun is highest. */
export function solarHour(time: number, lon: number): number {
  const h = (((time % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000 + lon / 15;
  return ((h % 24) + 24) % 24;
}

/**
 * Sun elevation above the horizon, in degrees, from the declination (Cooper's formula) and the
 * hour angle. Good to about a degree, which is all the weather needs.
 */
export function sunElevationDeg(time: number, [lon, lat]: LonLat): number {
  const decl = 23.45 * DEG * Math.sin((2 * Math.PI * (284 + dayOfYear(time) + 1)) / 365);
  const hourAngle = (solarHour(time, lon) - 12) * 15 * DEG;
  const phi = lat * DEG;
  const sinEl = Math.sin(phi) * Math.sin(decl) + Math.cos(phi) * Math.cos(decl) * Math.cos(hourAngle);
  return Math.asin(Math.max(-1, Math.min(1, sinEl))) / DEG;
}

/**
 * Clear-sky global horizontal irradiance, W/m² (Haurwitz 1945: 1098 · sin h · e^(−0.057 / sin h)).
 * Zero with the sun below the horizon.
 */
export function clearSkyGhi(elevationDeg: number): number {
  if (elevationDeg <= 0) return 0;
  const s = Math.sin(elevationDeg * DEG);
  return 1098 * s * Math.exp(-0.057 / s);
}

/** What clouds let through (Kasten & Czeplak 1980): 1 − 0.75 · cover^3.4. */
export function cloudTransmission(cover: number): number {
  return 1 - 0.75 * Math.pow(Math.max(0, Math.min(1, cover)), 3.4);
}
