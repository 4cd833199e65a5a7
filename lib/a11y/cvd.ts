import { simulate, toLab, type Rgb, type Vision } from '../map/colour-vision';

/**
 * Colour-blind checks for ordered palettes (congestion, AQI, grid load): the dichromacy
 * simulation lives in lib/map/colour-vision.ts (Machado, Oliveira & Fernandes 2009, severity 1.0,
 * linear RGB); this adds the CIEDE2000 colour difference, which tracks perceived difference far
 * better than CIE76 in saturated yellows and blues, and the "adjacent classes" measure the
 * palette tests and docs/ACCESSIBILITY.md use.
 */
export { simulate, type Rgb, type Vision };

const rad = (deg: number) => (deg * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;

/** CIEDE2000 ΔE between two CIELAB colours (Sharma, Wu & Dalal 2005; kL = kC = kH = 1). */
export function ciede2000Lab([l1, a1, b1]: Rgb, [l2, a2, b2]: Rgb): number {
  const cBar = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const g = 0.5 * (1 - Math.sqrt(cBar ** 7 / (cBar ** 7 + 25 ** 7)));
  const a1p = (1 + g) * a1;
  const a2p = (1 + g) * a2;
  const c1p = Math.hypot(a1p, b1);
  const c2p = Math.hypot(a2p, b2);
  const hue = (b: number, ap: number) => (b === 0 && ap === 0 ? 0 : (deg(Math.atan2(b, ap)) + 360) % 360);
  const h1p = hue(b1, a1p);
  const h2p = hue(b2, a2p);

  const dLp = l2 - l1;
  const dCp = c2p - c1p;
  let dhp = 0;
  if (c1p * c2p !== 0) {
    dhp = h2p - h1p;
    if (dhp > 180) dhp -= 360;
    else if (dhp < -180) dhp += 360;
  }
  const dHp = 2 * Math.sqrt(c1p * c2p) * Math.sin(rad(dhp / 2));

  const lBarP = (l1 + l2) / 2;
  const cBarP = (c1p + c2p) / 2;
  let hBarP = h1p + h2p;
  if (c1p * c2p !== 0) {
    if (Math.abs(h1p - h2p) <= 180) hBarP /= 2;
    else hBarP = h1p + h2p < 360 ? (hBarP + 360) / 2 : (hBarP - 360) / 2;
  }
  const t = 1 - 0.17 * Math.cos(rad(hBarP - 30)) + 0.24 * Math.cos(rad(2 * hBarP)) + 0.32 * Math.cos(rad(3 * hBarP + 6)) - 0.2 * Math.cos(rad(4 * hBarP - 63));
  const dTheta = 30 * Math.exp(-(((hBarP - 275) / 25) ** 2));
  const rc = 2 * Math.sqrt(cBarP ** 7 / (cBarP ** 7 + 25 ** 7));
  const sl = 1 + (0.015 * (lBarP - 50) ** 2) / Math.sqrt(20 + (lBarP - 50) ** 2);
  const sc = 1 + 0.045 * cBarP;
  const sh = 1 + 0.015 * cBarP * t;
  const rt = -Math.sin(rad(2 * dTheta)) * rc;
  return Math.sqrt((dLp / sl) ** 2 + (dCp / sc) ** 2 + (dHp / sh) ** 2 + rt * (dCp / sc) * (dHp / sh));
}

/** CIEDE2000 ΔE between two sRGB colours. */
export const deltaE2000 = (a: Rgb, b: Rgb): number => ciede2000Lab(toLab(a), toLab(b));

/**
 * The smallest CIEDE2000 ΔE between neighbouring classes of an ordered palette as seen with the
 * given vision: neighbours are what a reader must tell apart on the map (a segment one band worse).
 */
export function minAdjacentDeltaE2000(palette: readonly Rgb[], vision: Vision): number {
  const seen = palette.map((c) => simulate(c, vision));
  let min = Infinity;
  for (let i = 1; i < seen.length; i++) min = Math.min(min, deltaE2000(seen[i - 1], seen[i]));
  return min;
}
