/**
 * Smooth, seeded noise as a pure function of time: the same seed and time give the same value
 * anywhere (live, history backfill, tests), with no state to carry between steps.
 */

/** A well-mixed 32-bit hash of a few integers, as a number in [0, 1). */
export function hash01(...keys: number[]): number {
  let h = 0x811c9dc5;
  for (const k of keys) {
    h = Math.imul(h ^ (k | 0), 0x01000193);
    h = Math.imul(h ^ ((k / 4294967296) | 0), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    h = Math.imul(h, 0x297a2d39);
    h ^= h >>> 15;
  }
  return (h >>> 0) / 4294967296;
}

/**
 * Value noise in [−1, 1]: random knots every `periodMs`, joined by a cosine ease, so the value
 * and its slope change smoothly. `stream` keeps several noises of one seed independent.
 */
export function smoothNoise(time: number, periodMs: number, seed: number, stream: number): number {
  const x = time / periodMs;
  const k = Math.floor(x);
  const f = x - k;
  const a = hash01(seed, stream, k) * 2 - 1;
  const b = hash01(seed, stream, k + 1) * 2 - 1;
  const w = (1 - Math.cos(Math.PI * f)) / 2;
  return a + (b - a) * w;
}

/** Two octaves of value noise, still in [−1, 1]: slow drift with some faster wobble. */
export function fractalNoise(time: number, periodMs: number, seed: number, stream: number): number {
  return (2 / 3) * smoothNoise(time, periodMs, seed, stream) + (1 / 3) * smoothNoise(time, periodMs / 3.1, seed, stream + 7919);
}
