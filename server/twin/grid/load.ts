/**
 * Electricity demand of a feeder's customers: per class a daily shape (weekday and weekend, city
 * time = UTC, as the traffic's), a response to temperature, and rooftop solar from irradiance.
 * Shapes are typical of European standard load profiles (H0 households with an evening peak,
 * G1-like offices, two-shift industry) and of home EV charging after the commute.
 */

export type CustomerClass = 'residential' | 'office' | 'industry' | 'ev';
/** Peak demand (kW) of each customer class on a feeder, at its own peak hour and 15 °C. */
export type LoadMix = Record<CustomerClass, number>;

// Relative demand at each hour 00–23 (linearly interpolated between hours).
const SHAPES: Record<CustomerClass, { weekday: number[]; weekend: number[] }> = {
  residential: {
    weekday: [0.42, 0.36, 0.33, 0.32, 0.33, 0.38, 0.52, 0.68, 0.62, 0.52, 0.48, 0.48, 0.5, 0.48, 0.46, 0.48, 0.56, 0.72, 0.9, 1.0, 0.96, 0.86, 0.7, 0.54],
    weekend: [0.48, 0.4, 0.36, 0.34, 0.33, 0.34, 0.38, 0.46, 0.58, 0.66, 0.68, 0.7, 0.72, 0.68, 0.62, 0.6, 0.64, 0.76, 0.92, 1.0, 0.96, 0.88, 0.74, 0.58],
  },
  office: {
    weekday: [0.28, 0.27, 0.27, 0.27, 0.28, 0.32, 0.45, 0.68, 0.88, 0.97, 1.0, 1.0, 0.97, 0.98, 0.98, 0.95, 0.88, 0.72, 0.55, 0.45, 0.38, 0.34, 0.31, 0.29],
    weekend: [0.28, 0.27, 0.27, 0.27, 0.27, 0.28, 0.3, 0.32, 0.35, 0.37, 0.38, 0.38, 0.37, 0.36, 0.35, 0.34, 0.33, 0.33, 0.32, 0.31, 0.3, 0.29, 0.29, 0.28],
  },
  industry: {
    weekday: [0.62, 0.6, 0.6, 0.6, 0.62, 0.72, 0.9, 0.98, 1.0, 1.0, 1.0, 0.98, 0.95, 0.98, 1.0, 0.98, 0.94, 0.88, 0.82, 0.78, 0.74, 0.7, 0.66, 0.64],
    weekend: [0.55, 0.54, 0.54, 0.54, 0.54, 0.55, 0.56, 0.58, 0.6, 0.6, 0.6, 0.6, 0.58, 0.58, 0.58, 0.57, 0.57, 0.56, 0.56, 0.56, 0.56, 0.55, 0.55, 0.55],
  },
  ev: {
    weekday: [0.3, 0.22, 0.15, 0.1, 0.08, 0.08, 0.1, 0.18, 0.32, 0.4, 0.38, 0.32, 0.28, 0.26, 0.26, 0.28, 0.36, 0.55, 0.8, 0.95, 1.0, 0.9, 0.7, 0.45],
    weekend: [0.35, 0.25, 0.18, 0.12, 0.1, 0.08, 0.08, 0.12, 0.22, 0.35, 0.45, 0.5, 0.5, 0.48, 0.45, 0.45, 0.5, 0.6, 0.72, 0.8, 0.8, 0.72, 0.58, 0.45],
  },
};

/**
 * Fraction of demand added per °C below HEATING_BELOW (heat pumps, electric heating, lighting
 * and pumps of gas boilers) and per °C above COOLING_ABOVE (air conditioning, refrigeration).
 */
export const HEATING_BELOW_C = 15;
export const COOLING_ABOVE_C = 20;
const RESPONSE: Record<CustomerClass, { heating: number; cooling: number }> = {
  residential: { heating: 0.016, cooling: 0.014 },
  office: { heating: 0.009, cooling: 0.03 },
  industry: { heating: 0.004, cooling: 0.01 },
  // Cold batteries charge less efficiently and cabins are preheated.
  ev: { heating: 0.012, cooling: 0.004 },
};
export const CLASSES: readonly CustomerClass[] = ['residential', 'office', 'industry', 'ev'];

/** Relative demand of a class at a time (0–1, 1 at its weekday peak). */
export function shapeAt(cls: CustomerClass, time: number): number {
  const d = new Date(time);
  const day = d.getUTCDay();
  const shape = day === 0 || day === 6 ? SHAPES[cls].weekend : SHAPES[cls].weekday;
  const h = d.getUTCHours() + d.getUTCMinutes() / 60 + d.getUTCSeconds() / 3600;
  const i = Math.floor(h);
  const f = h - i;
  return shape[i] * (1 - f) + shape[(i + 1) % 24] * f;
}

/** How temperature scales a class's demand: 1 between 15 and 20 °C, more outside. */
export function temperatureFactor(cls: CustomerClass, temperatureC: number): number {
  const r = RESPONSE[cls];
  return 1 + r.heating * Math.max(0, HEATING_BELOW_C - temperatureC) + r.cooling * Math.max(0, temperatureC - COOLING_ABOVE_C);
}

/** Each class's share of its peak at a time and temperature: the same for every feeder, so computed once a step. */
export function classFactors(time: number, temperatureC: number): LoadMix {
  return {
    residential: shapeAt('residential', time) * temperatureFactor('residential', temperatureC),
    office: shapeAt('office', time) * temperatureFactor('office', temperatureC),
    industry: shapeAt('industry', time) * temperatureFactor('industry', temperatureC),
    ev: shapeAt('ev', time) * temperatureFactor('ev', temperatureC),
  };
}

/** Demand of each class on a feeder (kW), before noise and solar. */
export function classDemandKw(mix: LoadMix, factors: LoadMix): LoadMix {
  return {
    residential: mix.residential * factors.residential,
    office: mix.office * factors.office,
    industry: mix.industry * factors.industry,
    ev: mix.ev * factors.ev,
  };
}

export const totalKw = (d: LoadMix) => d.residential + d.office + d.industry + d.ev;

/** The design temperature feeders are planned for (a cold winter evening in central Germany). */
export const DESIGN_TEMPERATURE_C = -5;
const REFERENCE_WEEKDAY = Date.parse('2026-01-14T00:00:00Z');

/** A feeder's design peak: the highest hourly demand of a weekday at the design temperature, no sun. */
export function referencePeakKw(mix: LoadMix): number {
  let peak = 0;
  for (let q = 0; q < 96; q++) peak = Math.max(peak, totalKw(classDemandKw(mix, classFactors(REFERENCE_WEEKDAY + q * 900_000, DESIGN_TEMPERATURE_C))));
  return peak;
}

/**
 * Rooftop PV output (kW) from global horizontal irradiance: performance ratio 0.85, and −0.4 %
 * per °C of cell temperature above 25 °C (cells run about 0.03 °C per W/m² above the air).
 */
export function solarKw(kwp: number, irradianceWm2: number, temperatureC: number): number {
  if (irradianceWm2 <= 0) return 0;
  const cell = temperatureC + 0.03 * irradianceWm2;
  return kwp * (irradianceWm2 / 1000) * 0.85 * (1 - 0.004 * Math.max(0, cell - 25));
}
