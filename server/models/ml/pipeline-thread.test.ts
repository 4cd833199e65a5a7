import { describe, expect, it } from 'vitest';
import { runPipeline } from './pipeline';
import { reportOf, runPipelineInWorker } from './pipeline-thread';
import { syntheticPanel } from './synthetic.test-helpers';
import { targetSpecs } from './targets';

describe('the training pipeline in a worker thread', () => {
  it('returns what the same run on the calling thread returns, for the same seed', async () => {
    const spec = { ...targetSpecs['air-pm25'], horizons: 6, reportSteps: [1, 6] };
    const panel = syntheticPanel({ series: 3, days: 9, stepMinutes: 60, seed: 5 });
    const o = { seed: 7, families: spec.families, gruSamples: 200, gruEpochs: 2 };
    const [here, there] = await Promise.all([runPipeline(spec, panel, null, null, o).then(reportOf), runPipelineInWorker(spec, panel, null, null, o)]);
    expect(there.results.map((r) => r.family)).toEqual(['persistence', 'seasonal-mean', 'ridge', 'gru']);
    expect(there.results.every((r) => r.error === undefined)).toBe(true);
    const strip = (r: typeof here) => ({ ...r, results: r.results.map(({ trainMs: _, ...x }) => x) });
    expect(strip(there)).toEqual(strip(here));
  }, 60_000);

  it('rejects with the pipeline error when the history is too short', async () => {
    const spec = targetSpecs['air-pm25'];
    const panel = syntheticPanel({ series: 1, days: 2, stepMinutes: 60, seed: 1 });
    await expect(runPipelineInWorker(spec, panel, null, null, { seed: 1 })).rejects.toThrow(/not enough history/);
  });
});
