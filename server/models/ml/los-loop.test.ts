import { describe, expect, it } from 'vitest';
import { hasData, readLosLoop } from './datasets';
import { cleanPanel } from './panel';
import { runPipeline } from './pipeline';
import { targetSpecs } from './targets';

const present = hasData('traffic', 'los_speed.csv');
if (!present) console.log('[los-loop.test] ../shared/data/traffic/los_speed.csv absent: the real-data forecast test is skipped');

describe('forecasting real detector data (Los-loop)', () => {
  it.skipIf(!present)('beats persistence and the historical average at +60 min on the held-out last fifth, with about 80 % coverage', async () => {
    const spec = { ...targetSpecs['traffic-speed'], weather: false, neighbours: false, range: { min: 0.5, max: 120 } };
    const panel = cleanPanel(readLosLoop(), spec.range);
    const split = { trainEnd: Math.round(0.7 * panel.length), valEnd: Math.round(0.8 * panel.length) };
    const r = await runPipeline(spec, panel, null, null, { seed: 1, split, families: ['persistence', 'seasonal-mean', 'ridge'], maxEvalOrigins: 20_000 });
    const at60 = (f: string) => r.results.find((x) => x.family === f)?.metrics.find((m) => m.horizonMinutes === 60);
    const ridge = at60('ridge');
    expect(ridge?.mae).toBeLessThan(0.9 * (at60('persistence')?.mae ?? 0));
    expect(ridge?.mae).toBeLessThan(0.95 * (at60('seasonal-mean')?.mae ?? 0));
    expect(ridge?.coverage).toBeGreaterThan(0.7);
    expect(ridge?.coverage).toBeLessThan(0.9);
  }, 60_000);
});
