import { Random } from '../../twin/random';
import type { Panel } from './panel';

/**
 * Synthetic series for tests: a daily cycle per series, plus an AR(1) departure that persists
 * for hours (what the baselines cannot both see), plus a little noise.
 */
export function syntheticPanel(opts: { series: number; days: number; stepMinutes: number; seed: number; phi?: number }): Panel {
  const rng = new Random(opts.seed);
  const perDay = 1440 / opts.stepMinutes;
  const length = opts.days * perDay;
  const start = Date.UTC(2026, 10, 2);
  const phi = opts.phi ?? Math.exp(-opts.stepMinutes / 180);
  const values = Array.from({ length: opts.series }, (_, i) => {
    const v = new Float32Array(length);
    let ar = 0;
    const level = 100 + 50 * i;
    for (let k = 0; k < length; k++) {
      ar = phi * ar + rng.normal(0, 0.08 * Math.sqrt(1 - phi * phi));
      const daily = 1 + 0.4 * Math.sin((2 * Math.PI * (k % perDay)) / perDay);
      v[k] = level * (daily + ar) + rng.normal(0, 0.01 * level);
    }
    return v;
  });
  return { ids: values.map((_, i) => `s${i}`), start, stepMs: opts.stepMinutes * 60_000, length, values };
}
