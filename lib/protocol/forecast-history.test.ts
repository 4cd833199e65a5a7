import { describe, expect, it } from 'vitest';
import { cityHistoryBackfillSchema } from './forecast-history';

const body = () => ({
  start: '2026-11-20T00:00:00Z',
  stepSeconds: 300,
  steps: 2,
  grid: [{ assetId: 'f1', kind: 'feeder', loadKw: [100, null], solarKw: [0, 1] }],
  air: [{ stationId: 'aq-1', pm25: [10, 11], no2: [20, 21], o3: [30, 31] }],
});

describe('the city history backfill body', () => {
  it('accepts columns of `steps` values, null where nothing was read', () => {
    expect(cityHistoryBackfillSchema.safeParse(body()).success).toBe(true);
  });

  it('names a column of the wrong length', () => {
    const b = body();
    b.air[0].o3 = [30];
    const r = cityHistoryBackfillSchema.safeParse(b);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(['air', 0, 'o3']);
  });

  it('refuses an impossible concentration', () => {
    const b = body();
    b.air[0].pm25 = [-1, 2];
    expect(cityHistoryBackfillSchema.safeParse(b).success).toBe(false);
  });
});
