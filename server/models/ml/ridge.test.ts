import { describe, expect, it } from 'vitest';
import { runPipeline } from './pipeline';
import { solve } from './ridge';
import { syntheticPanel } from './synthetic.test-helpers';
import { targetSpecs } from './targets';

describe('the ridge model', () => {
  it('solves a small linear system', () => {
    const x = solve(Float64Array.from([4, 1, 1, 3]), Float64Array.from([1, 2]), 2);
    expect(x[0]).toBeCloseTo(1 / 11, 9);
    expect(x[1]).toBeCloseTo(7 / 11, 9);
  });

  it('beats both baselines where a departure from the daily cycle persists for hours', async () => {
    const spec = { ...targetSpecs['grid-load'], weather: false, reportSteps: [4, 8] };
    const panel = syntheticPanel({ series: 4, days: 14, stepMinutes: 15, seed: 3 });
    const r = await runPipeline(spec, panel, null, null, { seed: 1, families: ['persistence', 'seasonal-mean', 'ridge'] });
    const mae = (f: string, h: number) => r.results.find((x) => x.family === f)?.metrics.find((m) => m.horizonMinutes === h)?.mae ?? NaN;
    for (const h of [60, 120]) {
      expect(mae('ridge', h)).toBeLessThan(0.95 * mae('persistence', h));
      expect(mae('ridge', h)).toBeLessThan(0.95 * mae('seasonal-mean', h));
    }
  });

  it('explains a forecast as the seasonal level plus drivers that add up to it', async () => {
    const spec = { ...targetSpecs['grid-load'], weather: false };
    const panel = syntheticPanel({ series: 2, days: 10, stepMinutes: 15, seed: 4 });
    const r = await runPipeline(spec, panel, null, null, { seed: 1, families: ['ridge'] });
    const ridge = r.results[0].fitted;
    const { makeContext } = await import('./features');
    const ctx = makeContext(panel, r.profile, r.scales, null);
    const k = panel.length - 100;
    const [p50] = await ridge!.predict(ctx, [{ i: 1, k }]);
    const why = ridge!.explain!(ctx, { i: 1, k }, 8);
    expect(why).not.toBeNull();
    const total = why!.seasonal + why!.drivers.reduce((s, d) => s + d.contribution, 0);
    expect(total).toBeCloseTo(p50[7], 2);
    expect(why!.drivers.map((d) => d.group).sort()).toEqual(['recent-trend', 'time-of-day']);
  });
});
