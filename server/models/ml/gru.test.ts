import { describe, expect, it } from 'vitest';
import { makeContext } from './features';
import { fitGru, loadGru } from './gru';
import { scalesOf } from './panel';
import { Profile } from './profile';
import { syntheticPanel } from './synthetic.test-helpers';

describe('the GRU sequence model (TensorFlow.js, WASM)', () => {
  it('trains on a small sample in seconds and forecasts the same after a round trip through its artefact', async () => {
    const panel = syntheticPanel({ series: 2, days: 6, stepMinutes: 60, seed: 9 });
    const profile = Profile.fit(panel, 3_600_000);
    const ctx = makeContext(panel, profile, scalesOf(panel, 1), null);
    const origins = Array.from({ length: 100 }, (_, n) => ({ i: n % 2, k: 30 + n }));
    const gru = await fitGru(ctx, origins, { horizons: 6, window: 12, units: 8, epochs: 1, samples: 200, weather: false, neighbours: false, seed: 1 });
    const [a] = await gru.predict(ctx, [{ i: 0, k: 100 }]);
    expect(a.every(Number.isFinite)).toBe(true);
    const back = await loadGru(JSON.parse(JSON.stringify(gru.artefact())));
    const [b] = await back.predict(ctx, [{ i: 0, k: 100 }]);
    expect(Array.from(b)).toEqual(Array.from(a));
  }, 60_000);
});
