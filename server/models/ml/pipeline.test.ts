import { describe, expect, it } from 'vitest';
import { runPipeline, splitByTime } from './pipeline';
import { syntheticPanel } from './synthetic.test-helpers';
import { targetSpecs } from './targets';

describe('the training pipeline', () => {
  it('splits by time into train, validation and test, each test origin later than every training target', () => {
    const s = splitByTime(7 * 96, targetSpecs['grid-load']);
    expect(s.trainEnd).toBeLessThan(s.valEnd);
    expect(s.valEnd).toBeLessThan(7 * 96);
    expect(7 * 96 - s.valEnd).toBeGreaterThanOrEqual(96 + 96);
  });

  it('refuses history too short to leave anything to train on', () => {
    expect(() => splitByTime(3 * 24, targetSpecs['air-pm25'])).toThrow(/not enough history/);
  });

  it('gives the same metrics for the same seed', async () => {
    const spec = { ...targetSpecs['air-pm25'], weather: false };
    const run = () => runPipeline(spec, syntheticPanel({ series: 3, days: 9, stepMinutes: 60, seed: 5 }), null, null, { seed: 7, families: ['seasonal-mean', 'ridge'] });
    const [a, b] = [await run(), await run()];
    expect(a.results.map((r) => r.metrics)).toEqual(b.results.map((r) => r.metrics));
  });

  it('calibrates P10–P90 to cover about 80 % of held-out actuals', async () => {
    const spec = { ...targetSpecs['grid-load'], weather: false };
    const r = await runPipeline(spec, syntheticPanel({ series: 6, days: 14, stepMinutes: 15, seed: 6 }), null, null, { seed: 1, families: ['ridge'] });
    for (const m of r.results[0].metrics) {
      expect(m.coverage).toBeGreaterThan(0.65);
      expect(m.coverage).toBeLessThan(0.92);
    }
  });

  it('records a family that fails instead of throwing, and serves none of it', async () => {
    const spec = { ...targetSpecs['air-pm25'], weather: false };
    // Ten windows are too few to learn from: the GRU refuses, the rest of the run goes on.
    const r = await runPipeline(spec, syntheticPanel({ series: 1, days: 9, stepMinutes: 60, seed: 8 }), null, null, { seed: 1, families: ['seasonal-mean', 'gru'], gruSamples: 10 });
    expect(r.results.find((x) => x.family === 'seasonal-mean')?.fitted).not.toBeNull();
    const gru = r.results.find((x) => x.family === 'gru');
    expect(gru?.fitted).toBeNull();
    expect(gru?.error).toMatch(/training windows/);
  });
});
