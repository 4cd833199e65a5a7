import { describe, expect, it } from 'vitest';
import { runPipeline, splitByTime } from './pipeline';
import { Profile } from './profile';
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

  it('calibrates on the training window too, with a profile fitted without each block, not on the validation days alone', async () => {
    const spec = { ...targetSpecs['air-pm25'], weather: false, horizons: 6, reportSteps: [1, 6] };
    const panel = syntheticPanel({ series: 4, days: 21, stepMinutes: 60, seed: 3 });
    const split = { trainEnd: 11 * 24, valEnd: 14 * 24 };
    // Validation days that are exactly the profile of the training days: alone, they would give no interval at all.
    const profile = Profile.fit({ ...panel, length: split.trainEnd, values: panel.values.map((v) => v.subarray(0, split.trainEnd)) }, 3_600_000);
    panel.values.forEach((v, i) => {
      for (let k = split.trainEnd; k < split.valEnd; k++) v[k] = profile.at(i, panel.start + k * panel.stepMs);
    });
    const r = await runPipeline(spec, panel, null, null, { seed: 1, split, families: ['seasonal-mean'] });
    const cal = r.results[0].calibration;
    expect(cal && cal.hi[5] - cal.lo[5]).toBeGreaterThan(0.05);
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
