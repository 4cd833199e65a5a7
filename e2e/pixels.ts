import { PNG } from 'pngjs';
import { congestionBands } from '../lib/domain/congestion';

/** Pixel reading of screenshots: what a person sees, not what the DOM claims. */
export function decode(png: Buffer): PNG {
  return PNG.sync.read(png);
}

function near(r: number, g: number, b: number, rgb: readonly number[], tol: number): boolean {
  return Math.abs(r - rgb[0]) <= tol && Math.abs(g - rgb[1]) <= tol && Math.abs(b - rgb[2]) <= tol;
}

/** Index of the congestion band whose colour this pixel shows, or -1. */
export function bandAt(img: PNG, x: number, y: number, tol = 28): number {
  const i = (img.width * y + x) * 4;
  const [r, g, b] = [img.data[i], img.data[i + 1], img.data[i + 2]];
  return congestionBands.findIndex((band) => near(r, g, b, band.rgb, tol));
}

/** How many pixels show each congestion band's colour. */
export function countBandPixels(img: PNG): number[] {
  const counts = congestionBands.map(() => 0);
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++) {
      const band = bandAt(img, x, y);
      if (band >= 0) counts[band]++;
    }
  return counts;
}

/** Pixels whose congestion colour differs between two screenshots of the same view. */
export function changedBandPixels(a: PNG, b: PNG): number {
  let changed = 0;
  for (let y = 0; y < a.height; y++)
    for (let x = 0; x < a.width; x++) {
      const ba = bandAt(a, x, y, 18);
      const bb = bandAt(b, x, y, 18);
      if (ba >= 0 && bb >= 0 && ba !== bb) changed++;
    }
  return changed;
}

/** Number of distinct colours, coarsely quantised: a blank or one-colour canvas has very few. */
export function distinctColours(img: PNG): number {
  const seen = new Set<number>();
  for (let i = 0; i < img.data.length; i += 4) seen.add(((img.data[i] >> 4) << 8) | ((img.data[i + 1] >> 4) << 4) | (img.data[i + 2] >> 4));
  return seen.size;
}
