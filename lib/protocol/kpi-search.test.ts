import { describe, expect, it } from 'vitest';
import { kpiSearch, parseKpiSearch } from './kpi-search';

describe('KPI search parameters', () => {
  it('round-trip a custom range with a filter', () => {
    const q = { range: 'custom' as const, from: '2026-03-01T00:00:00.000Z', to: '2026-03-08T00:00:00.000Z', filter: 'primary' };
    expect(parseKpiSearch(Object.fromEntries(new URLSearchParams(kpiSearch(q))))).toEqual({ query: q, problem: null });
  });
  it('default to the last day', () => {
    expect(parseKpiSearch({}).query.range).toBe('day');
  });
  it('fall back to the default view and name the field when a value is bad', () => {
    expect(parseKpiSearch({ range: 'year' })).toMatchObject({ query: { range: 'day' }, problem: expect.stringContaining('range') as unknown });
  });
  it('refuse a custom range without its end', () => {
    expect(parseKpiSearch({ range: 'custom', from: '2026-03-01T00:00:00Z' }).problem).toBe('to: is required when range is custom');
  });
});
