import type { Rgb } from './colour-vision';

/**
 * Feeder and substation utilisation (load / rated capacity) in four bands. Blue-grey, cyan and
 * pale yellow rise in lightness; overload jumps to violet and is also drawn wider with a dashed
 * white halo, so it never depends on hue alone. Checked under dichromacy in the palette tests.
 */
export interface UtilisationBand {
  key: 'low' | 'normal' | 'high' | 'overload';
  /** Lower bound (inclusive) of utilisation for this band. */
  min: number;
  label: string;
  rgb: Rgb;
}

export const utilisationBands: readonly UtilisationBand[] = [
  { key: 'overload', min: 1, label: 'Overloaded (> 100%)', rgb: [220, 0, 255] },
  { key: 'high', min: 0.8, label: 'High (80–100%)', rgb: [250, 230, 120] },
  { key: 'normal', min: 0.5, label: 'Normal (50–80%)', rgb: [100, 200, 240] },
  { key: 'low', min: -Infinity, label: 'Light (< 50%)', rgb: [100, 125, 160] },
];

/** Colour of grid assets with no reading yet. */
export const gridNoDataRgb: Rgb = [90, 96, 106];
/** Battery storage sites: their own colour, outside the utilisation scale. */
export const batteryRgb: Rgb = [120, 230, 140];

/** Band of a utilisation; exactly 100% is still within rating, anything above is an overload. */
export function utilisationBand(utilisation: number): UtilisationBand {
  if (utilisation > 1) return utilisationBands[0];
  for (const band of utilisationBands.slice(1)) if (utilisation >= band.min) return band;
  return utilisationBands[utilisationBands.length - 1];
}

export const isOverloaded = (utilisation: number) => utilisation > 1;

/** Substation marker radius in pixels: area grows with load, within a readable range. */
export const SUBSTATION_MIN_PX = 6;
export const SUBSTATION_MAX_PX = 22;
export function substationRadiusPx(loadKw: number, largestLoadKw: number): number {
  if (!(largestLoadKw > 0) || !(loadKw > 0)) return SUBSTATION_MIN_PX;
  const share = Math.sqrt(Math.min(1, loadKw / largestLoadKw));
  return SUBSTATION_MIN_PX + (SUBSTATION_MAX_PX - SUBSTATION_MIN_PX) * share;
}
