import type { AqiStandard } from '../protocol/air';
import type { Rgb } from './colour-vision';

/**
 * The six AQI levels as the map draws them. US EPA and China HJ 633-2012 both split the index
 * at 50, 100, 150, 200 and 300, so one palette serves both; only the names differ. Colours are
 * our own, not the agencies': lightness falls as the level rises and hues step from teal through
 * yellow and orange to pink, violet and maroon, so neighbours stay apart under deuteranopia,
 * protanopia and tritanopia (see lib/a11y/cvd.test.ts). Level 3 is a deep orange, not amber:
 * amber sat only ΔE2000 10 from level 2 under deuteranopia.
 */
export interface AqiLevelStyle {
  level: 1 | 2 | 3 | 4 | 5 | 6;
  /** Highest index value of the level (inclusive); the top level is open-ended. */
  maxAqi: number;
  rgb: Rgb;
  names: Record<AqiStandard, string>;
}

export const aqiLevelStyles: readonly AqiLevelStyle[] = [
  { level: 1, maxAqi: 50, rgb: [80, 200, 170], names: { 'us-epa': 'Good', 'cn-hj633': 'Excellent (优)' } },
  { level: 2, maxAqi: 100, rgb: [240, 228, 110], names: { 'us-epa': 'Moderate', 'cn-hj633': 'Good (良)' } },
  { level: 3, maxAqi: 150, rgb: [240, 140, 40], names: { 'us-epa': 'Unhealthy for sensitive groups', 'cn-hj633': 'Lightly polluted (轻度污染)' } },
  { level: 4, maxAqi: 200, rgb: [224, 70, 110], names: { 'us-epa': 'Unhealthy', 'cn-hj633': 'Moderately polluted (中度污染)' } },
  { level: 5, maxAqi: 300, rgb: [150, 80, 200], names: { 'us-epa': 'Very unhealthy', 'cn-hj633': 'Heavily polluted (重度污染)' } },
  { level: 6, maxAqi: Infinity, rgb: [120, 20, 60], names: { 'us-epa': 'Hazardous', 'cn-hj633': 'Severely polluted (严重污染)' } },
];

/** Style of an AQI level (1–6); out-of-range levels clamp to the nearest one. */
export function aqiLevelStyle(level: number): AqiLevelStyle {
  const i = Math.max(1, Math.min(6, Math.round(level))) - 1;
  return aqiLevelStyles[i];
}

/** Level (1–6) of a continuous index value, e.g. an interpolated one between stations. */
export function aqiLevelOf(aqi: number): AqiLevelStyle['level'] {
  for (const s of aqiLevelStyles) if (aqi <= s.maxAqi) return s.level;
  return 6;
}

/** The index range a level covers, for the legend: "0–50", …, "301+". */
export function aqiRangeLabel(level: number): string {
  const s = aqiLevelStyle(level);
  const from = s.level === 1 ? 0 : aqiLevelStyles[s.level - 2].maxAqi + 1;
  return Number.isFinite(s.maxAqi) ? `${from}–${s.maxAqi}` : `${from}+`;
}
