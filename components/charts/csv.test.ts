import { describe, expect, it } from 'vitest';
import { chartCsv, csvFileName } from './csv';

describe('chartCsv', () => {
  const chart = {
    x: 't' as const,
    series: [
      { key: 'tti', label: 'This period', role: 'actual' as const },
      { key: 'ttiPrevious', label: 'Previous period', role: 'previous' as const },
    ],
    rows: [
      { t: '2026-03-02T00:00:00.000Z', tti: 1.2, ttiPrevious: null },
      { t: '2026-03-02T01:00:00.000Z', tti: 1.1, ttiPrevious: 1.05 },
    ],
  };
  it('writes a header of the x column and the series keys', () => {
    expect(chartCsv(chart).split('\r\n')[0]).toBe('t,tti,ttiPrevious');
  });
  it('writes one line per row, missing values empty', () => {
    expect(chartCsv(chart).split('\r\n').slice(1, 3)).toEqual(['2026-03-02T00:00:00.000Z,1.2,', '2026-03-02T01:00:00.000Z,1.1,1.05']);
  });
  it('quotes a field holding a comma or a quote', () => {
    const csv = chartCsv({ x: 'name', series: [{ key: 'v', label: 'v', role: 'actual' }], rows: [{ name: 'Ring "A", north', v: 1 }] });
    expect(csv.split('\r\n')[1]).toBe('"Ring ""A"", north",1');
  });
  it('names the file after the chart and the period, without colons', () => {
    expect(csvFileName('traffic-tti', '2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z')).toBe('traffic-tti_2026-03-02T00_2026-03-03T00.csv');
  });
});
