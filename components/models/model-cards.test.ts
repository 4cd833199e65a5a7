import { describe, expect, it } from 'vitest';
import type { HorizonMetrics, ModelsList, ModelVersion } from '@/lib/protocol/forecast';
import { horizonOf, modelCards } from './model-cards';

const m = (horizonMinutes: number, mae: number): HorizonMetrics => ({ horizonMinutes, mae, rmse: mae * 1.3, mape: null, coverage: 0.8, n: 100 });

function version(family: ModelVersion['family'], version: number, maes: number[], createdAt: string): ModelVersion {
  return {
    id: `grid-load.${family}`,
    target: 'grid-load',
    family,
    version,
    description: family,
    createdAt,
    status: family === 'ridge' ? 'serving' : 'standby',
    seed: 1,
    trainMs: 10,
    data: { from: createdAt, to: createdAt, series: 2, trainUntil: createdAt, validationUntil: createdAt, testFrom: createdAt, testTo: createdAt, trainingSamples: 5 },
    metrics: [m(60, maes[0]), m(360, maes[1])],
    baselines: { persistence: [m(60, 100), m(360, 200)], 'seasonal-mean': [m(60, 120), m(360, 150)] },
    score: maes[0],
  };
}

const list: ModelsList = {
  targets: [
    {
      target: 'grid-load',
      unit: 'kW',
      stepMinutes: 15,
      horizonsMinutes: [60, 360],
      serving: { id: 'grid-load.ridge', version: 2 },
      versions: [version('ridge', 2, [80, 160], '2026-11-24T10:00:00Z'), version('persistence', 1, [100, 200], '2026-11-24T09:00:00Z')],
    },
    { target: 'air-o3', unit: 'µg/m³', stepMinutes: 60, horizonsMinutes: [60], serving: null, versions: [] },
  ],
};

describe('model cards', () => {
  it('puts the serving version next to the better baseline and says how much it gains at each horizon', () => {
    const [grid] = modelCards(list);
    expect(grid.serving?.family).toBe('ridge');
    expect(grid.rows.map((r) => r.gainPct)).toEqual([20, -6.7]);
    expect(grid.others.map((v) => v.family)).toEqual(['persistence']);
  });

  it('lists a target with no trained model with its horizons and no figures', () => {
    const [, o3] = modelCards(list);
    expect(o3.serving).toBeNull();
    expect(o3.rows).toEqual([{ horizonMinutes: 60, model: null, persistence: null, seasonal: null, gainPct: null }]);
  });

  it('labels horizons in minutes below an hour and in hours from one hour', () => {
    expect([horizonOf(15), horizonOf(60), horizonOf(1440)]).toEqual([{ unit: 'minutes', minutes: 15 }, { unit: 'hours', hours: 1 }, { unit: 'hours', hours: 24 }]);
  });
});
