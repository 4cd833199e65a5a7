import type { Rgb } from './colour-vision';

/** A measured value at a place. */
export interface Sample {
  lon: number;
  lat: number;
  value: number;
}

/** [west, south, east, north] in degrees. */
export type Bounds = [number, number, number, number];

export interface IdwOptions {
  /** Grid size in cells; the image is this many pixels. */
  width: number;
  height: number;
  /** Distance-decay exponent: 2 is the usual inverse-square weighting. */
  power?: number;
  /**
   * Cells farther than this from every sample get no value (NaN): the surface does not claim to
   * know the air where nothing measures it.
   */
  maxDistanceM?: number;
}

const M_PER_DEG_LAT = 110_540;
const M_PER_DEG_LON_EQ = 111_320;

/** Latitude at a fraction of the way from north (0) to south (1), evenly spaced in Web Mercator. */
function mercatorLat(north: number, south: number, t: number): number {
  const y = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const yy = y(north) + (y(south) - y(north)) * t;
  return ((2 * Math.atan(Math.exp(yy)) - Math.PI / 2) * 180) / Math.PI;
}

/**
 * Inverse-distance-weighted values on a width × height grid over `bounds`, row 0 at the north.
 * Rows are evenly spaced in Web Mercator so the image lines up when the map stretches it over
 * the same bounds. A cell on a sample takes that sample's value.
 */
export function idwGrid(samples: readonly Sample[], bounds: Bounds, opts: IdwOptions): Float32Array {
  const { width, height } = opts;
  const power = opts.power ?? 2;
  const maxD2 = opts.maxDistanceM !== undefined ? opts.maxDistanceM ** 2 : Infinity;
  const out = new Float32Array(width * height).fill(Number.NaN);
  if (samples.length === 0 || width <= 0 || height <= 0) return out;
  const [west, south, east, north] = bounds;
  const mPerLon = M_PER_DEG_LON_EQ * Math.cos((((south + north) / 2) * Math.PI) / 180);
  const half = power / 2;
  for (let row = 0; row < height; row++) {
    const lat = mercatorLat(north, south, (row + 0.5) / height);
    for (let col = 0; col < width; col++) {
      const lon = west + ((east - west) * (col + 0.5)) / width;
      let num = 0;
      let den = 0;
      let nearest = Infinity;
      let exact = Number.NaN;
      for (const s of samples) {
        const dx = (s.lon - lon) * mPerLon;
        const dy = (s.lat - lat) * M_PER_DEG_LAT;
        const d2 = dx * dx + dy * dy;
        if (d2 < 1e-6) {
          exact = s.value;
          break;
        }
        nearest = Math.min(nearest, d2);
        const w = 1 / d2 ** half;
        num += w * s.value;
        den += w;
      }
      const i = row * width + col;
      if (!Number.isNaN(exact)) out[i] = exact;
      else if (nearest <= maxD2) out[i] = num / den;
    }
  }
  return out;
}

/** Samples' bounding box grown by a margin in metres on every side. */
export function paddedBounds(samples: readonly Sample[], marginM: number): Bounds | null {
  if (samples.length === 0) return null;
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of samples) {
    w = Math.min(w, p.lon);
    e = Math.max(e, p.lon);
    s = Math.min(s, p.lat);
    n = Math.max(n, p.lat);
  }
  const dLat = marginM / M_PER_DEG_LAT;
  const dLon = marginM / (M_PER_DEG_LON_EQ * Math.cos((((s + n) / 2) * Math.PI) / 180));
  return [w - dLon, s - dLat, e + dLon, n + dLat];
}

/** RGBA pixels of a value grid: each value's colour at the given opacity, transparent where NaN. */
export function colourise(values: Float32Array, colourOf: (value: number) => Rgb, alpha: number): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(values.length * 4);
  const a = Math.round(Math.max(0, Math.min(1, alpha)) * 255);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    const c = colourOf(v);
    out[i * 4] = c[0];
    out[i * 4 + 1] = c[1];
    out[i * 4 + 2] = c[2];
    out[i * 4 + 3] = a;
  }
  return out;
}
