import { z } from 'zod';

/**
 * Congestion level from the ratio of current speed to free-flow speed. Thresholds follow the
 * common speed-ratio convention (e.g. HCM level-of-service bands collapsed to four classes).
 */
export const congestionLevelSchema = z.enum(['free', 'moderate', 'heavy', 'severe']);
export type CongestionLevel = z.infer<typeof congestionLevelSchema>;

export interface CongestionBand {
  level: CongestionLevel;
  /** Lower bound (inclusive) of speed / free-flow speed for this band. */
  minRatio: number;
  label: string;
  /** RGB: green → yellow → orange → red, lightness falling from yellow on, so neighbouring bands stay
   *  apart under deuteranopia and protanopia (measured in lib/a11y/cvd.test.ts). */
  rgb: [number, number, number];
}

export const congestionBands: readonly CongestionBand[] = [
  { level: 'free', minRatio: 0.75, label: 'Free flow (≥ 75% of free-flow speed)', rgb: [44, 160, 90] },
  { level: 'moderate', minRatio: 0.5, label: 'Moderate (50–75%)', rgb: [240, 200, 40] },
  { level: 'heavy', minRatio: 0.25, label: 'Heavy (25–50%)', rgb: [235, 110, 30] },
  { level: 'severe', minRatio: 0, label: 'Severe (< 25%)', rgb: [200, 30, 45] },
];

/** Colour for segments with no reading yet. */
export const noDataRgb: [number, number, number] = [110, 118, 130];

export function speedRatio(speedKmh: number, freeFlowKmh: number): number {
  if (!(freeFlowKmh > 0)) return 0;
  return Math.max(0, Math.min(1.2, speedKmh / freeFlowKmh));
}

export function congestionBand(ratio: number): CongestionBand {
  for (const band of congestionBands) if (ratio >= band.minRatio) return band;
  return congestionBands[congestionBands.length - 1];
}
