import type { CityHistoryBackfill } from '@/lib/protocol/forecast-history';
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

/** Days of 5-minute loads of feeders (default: two feeders, six days), in backfill bodies of at most three days (a body holds at most a week). */
export function gridHistory(opts: { series?: number; days?: number } = {}): CityHistoryBackfill[] {
  const p = syntheticPanel({ series: opts.series ?? 2, days: opts.days ?? 6, stepMinutes: 5, seed: 11 });
  const part = 3 * 288;
  const bodies: CityHistoryBackfill[] = [];
  for (let off = 0; off < p.length; off += part) {
    const steps = Math.min(part, p.length - off);
    bodies.push({
      start: new Date(p.start + off * p.stepMs).toISOString(),
      stepSeconds: 300,
      steps,
      grid: p.ids.map((id, i) => ({ assetId: `f-${id}`, kind: 'feeder' as const, loadKw: Array.from(p.values[i].subarray(off, off + steps), (v) => Math.round(v * 10) / 10) })),
      air: [],
      weather: [],
    });
  }
  return bodies;
}
