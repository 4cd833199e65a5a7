import { getNiceTickValues } from 'recharts/es6/util/scale/getNiceTickValues.js';
import { describe, expect, it } from 'vitest';
import type { KpiChart } from '@/lib/protocol/kpi';
import { bandPath, barRects, BOX, linePath, niceTicks, pointX, xLabelIndices, yTicks } from './static-geometry';

const series = (key: string, role: KpiChart['series'][number]['role'] = 'actual') => ({ key, label: key, role });

describe('the server-drawn chart geometry', () => {
  it('puts the y ticks where recharts puts them', () => {
    const domains: [number, number][] = [[0, 1], [0, 7.3], [0, 42], [0, 0.87], [0, 1234], [-3, 12], [0, 98.6], [0, 0.0123], [0, 250], [-20, -3], [0, 5], [2, 2]];
    for (const [lo, hi] of domains) expect(niceTicks(lo, hi), `${lo}..${hi}`).toEqual(getNiceTickValues([lo, hi], 5, true));
  });

  it('starts the y axis at 0 and ends it on the tick above the largest value of any series', () => {
    expect(yTicks({ series: [series('a'), series('b', 'previous')], rows: [{ a: 3, b: 41 }, { a: null, b: 'x' }] })).toEqual([0, 15, 30, 45, 60]);
  });

  it('spreads a time series from the left edge to the right edge', () => {
    expect([pointX(0, 31), pointX(30, 31), pointX(0, 1)]).toEqual([0, BOX, BOX / 2]);
  });

  it('draws a line through the values and across the gaps between them', () => {
    const rows = [{ a: 0 }, { a: null }, { a: 100 }];
    expect(linePath(rows, 'a', [0, 25, 50, 75, 100])).toBe('M0,1000L1000,0');
    expect(linePath([{ a: null }], 'a', [0, 1])).toBeNull();
  });

  it('draws the forecast band along the highs and back along the lows', () => {
    const rows = [{ low: 0, high: 50 }, { low: 25, high: 100 }, { low: null, high: 80 }];
    expect(bandPath(rows, [0, 25, 50, 75, 100])).toBe('M0,500L500,0L500,750L0,1000Z');
  });

  it('stands bars side by side in each row, from zero up to their value', () => {
    const rects = barRects({ series: [series('a'), series('b', 'previous')], rows: [{ a: 100, b: 50 }, { a: 0, b: null }] }, [0, 25, 50, 75, 100]);
    expect(rects).toEqual([
      { key: 'a', index: 0, x: 50, y: 0, width: 200, height: 1000 },
      { key: 'b', index: 1, x: 250, y: 500, width: 200, height: 500 },
      { key: 'a', index: 0, x: 550, y: 1000, width: 200, height: 0 },
    ]);
  });

  it('labels at most six points of the x axis, always the last', () => {
    expect(xLabelIndices(31)).toEqual([0, 6, 12, 18, 24, 30]);
    expect(xLabelIndices(24)).toEqual([3, 7, 11, 15, 19, 23]);
    expect(xLabelIndices(3)).toEqual([0, 1, 2]);
    expect(xLabelIndices(0)).toEqual([]);
  });
});
