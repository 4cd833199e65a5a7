import { describe, expect, it } from 'vitest';
import { action } from './action-fixtures';
import { formatFigure, gainOf, impactRows, interpolate, observedVsPredicted, predictedGain } from './impact-chart-data';

const at = '2026-11-22T08:05:00Z';

describe('impactRows', () => {
  it('gives one row per predicted minute, in order', () => {
    expect(impactRows(action().impact).map((r) => r.minute)).toEqual([0, 10, 20, 30]);
  });

  it('puts an observed point on the row of its minute', () => {
    const rows = impactRows(action().impact, [{ minute: 10, observed: 31, at }]);
    expect(rows.find((r) => r.minute === 10)).toEqual({ minute: 10, baseline: 42, withPlan: 30, observed: 31 });
  });

  it('adds a row for an observed minute between predicted ones', () => {
    const rows = impactRows(action().impact, [{ minute: 5, observed: 35, at }]);
    expect(rows.map((r) => r.minute)).toEqual([0, 5, 10, 20, 30]);
  });
});

describe('predictedGain', () => {
  it('counts a drop in a lower-is-better metric as a gain', () => {
    expect(predictedGain(action().impact)).toBeCloseTo(12.5 / 40);
  });

  it('counts a rise in a lower-is-better metric as a loss', () => {
    expect(predictedGain({ ...action().impact, withPlan: 44 })).toBeCloseTo(-0.1);
  });

  it('has no gain against a zero baseline', () => {
    expect(predictedGain({ ...action().impact, baseline: 0 })).toBeNull();
  });

  it('reads as a rounded percentage', () => {
    expect(gainOf(action().impact)).toEqual({ pct: 31, sense: 'better' });
  });
});

describe('observedVsPredicted', () => {
  it('compares the mean observed value with the prediction at the same minutes', () => {
    const r = observedVsPredicted(action().impact, [
      { minute: 10, observed: 33, at },
      { minute: 15, observed: 29, at },
    ]);
    // Predicted 30 at minute 10 and 27.5 (between 30 and 25) at minute 15.
    expect(r).toEqual({ observed: 31, predicted: 28.75 });
  });

  it('is null before anything was observed', () => {
    expect(observedVsPredicted(action().impact, [])).toBeNull();
  });
});

describe('interpolate', () => {
  it('is null outside the predicted horizon', () => {
    expect(interpolate(action().impact.series, 45)).toBeNull();
  });
});

describe('formatFigure', () => {
  it('shows large figures whole and small ones with decimals', () => {
    expect([formatFigure(1234.4, 'en'), formatFigure(12.34, 'en'), formatFigure(0.123, 'en')]).toEqual(['1,234', '12.3', '0.12']);
  });

  it('groups and marks decimals the way the reader\'s language does', () => {
    expect([formatFigure(12345.6, 'zh-CN'), formatFigure(1.5, 'de')]).toEqual(['12,346', '1,5']);
  });
});
