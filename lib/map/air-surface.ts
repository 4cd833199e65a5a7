import { aqiLevelStyles } from './aqi-palette';
import type { Rgb } from './colour-vision';
import { colourise, idwGrid, paddedBounds, type Bounds, type Sample } from './idw';

/** A smooth AQI surface between stations, ready for a bitmap layer stretched over `bounds`. */
export interface AirSurface {
  pixels: Uint8ClampedArray<ArrayBuffer>;
  width: number;
  height: number;
  bounds: Bounds;
}

/** How far beyond the outermost stations the surface reaches, and how far from any station it may guess. */
export const SURFACE_MARGIN_M = 1500;
export const SURFACE_REACH_M = 4000;
/** Long side of the image: enough for a smooth look when the GPU filters it, cheap to compute. */
export const SURFACE_PX = 128;
/** Translucent, so streets and traffic stay readable through it. */
export const SURFACE_ALPHA = 0.38;

/** Each level's colour sits at the middle of its index band; the top level at 400. */
const anchors: readonly { aqi: number; rgb: Rgb }[] = aqiLevelStyles.map((s, i) => {
  const from = i === 0 ? 0 : aqiLevelStyles[i - 1].maxAqi;
  return { aqi: Number.isFinite(s.maxAqi) ? (from + s.maxAqi) / 2 : 400, rgb: s.rgb };
});

/**
 * Colour of a continuous AQI value on the surface: the legend's level colours, blended between
 * band middles so the surface is smooth, yet a value in the middle of a band shows exactly that
 * band's colour and one near an edge is halfway to the next.
 */
export function surfaceColour(aqi: number): Rgb {
  if (aqi <= anchors[0].aqi) return anchors[0].rgb;
  for (let i = 1; i < anchors.length; i++) {
    const a = anchors[i - 1];
    const b = anchors[i];
    if (aqi <= b.aqi) {
      const t = (aqi - a.aqi) / (b.aqi - a.aqi);
      return [0, 1, 2].map((k) => Math.round(a.rgb[k] + (b.rgb[k] - a.rgb[k]) * t)) as unknown as Rgb;
    }
  }
  return anchors[anchors.length - 1].rgb;
}

/**
 * Interpolate the stations' AQI by inverse-distance weighting and colour each cell with
 * surfaceColour. Null with fewer than two stations: one point says nothing about a surface.
 */
export function buildAirSurface(stations: ReadonlyArray<{ location: readonly [number, number]; aqi: number }>): AirSurface | null {
  if (stations.length < 2) return null;
  const samples: Sample[] = stations.map((s) => ({ lon: s.location[0], lat: s.location[1], value: s.aqi }));
  const bounds = paddedBounds(samples, SURFACE_MARGIN_M);
  if (!bounds) return null;
  const [w, s, e, n] = bounds;
  const aspect = ((e - w) * Math.cos((((s + n) / 2) * Math.PI) / 180)) / (n - s || 1e-9);
  const width = Math.max(8, Math.round(aspect >= 1 ? SURFACE_PX : SURFACE_PX * aspect));
  const height = Math.max(8, Math.round(aspect >= 1 ? SURFACE_PX / aspect : SURFACE_PX));
  const values = idwGrid(samples, bounds, { width, height, power: 2, maxDistanceM: SURFACE_REACH_M });
  const pixels = colourise(values, surfaceColour, SURFACE_ALPHA);
  return { pixels, width, height, bounds };
}
