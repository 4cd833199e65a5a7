import type { AqiLevel } from '../domain/aqi';
import { aqiLevelStyle } from './aqi-palette';
import type { Rgb } from './colour-vision';

/**
 * The map colour of an AQI level (1–6, lib/domain/aqi.ts). One palette serves both standards
 * and both the station dots and the surface: it lives in aqi-palette.ts, chosen to stay
 * distinguishable under deuteranopia and protanopia (aqi-colours.test.ts measures it).
 */
export function aqiColour(level: AqiLevel): Rgb {
  return aqiLevelStyle(level).rgb;
}

/** `#rrggbb` of a level, for CSS (tooltips, legends, detail panels). */
export function aqiColourHex(level: AqiLevel): string {
  return `#${aqiColour(level)
    .map((c) => Math.round(c).toString(16).padStart(2, '0'))
    .join('')}`;
}
