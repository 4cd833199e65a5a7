import { renderToString } from 'react-dom/server';
import { IntlProvider } from 'use-intl';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '@/lib/i18n/messages';
import type { KpiChart } from '@/lib/protocol/kpi';
import { ChartCard } from './ChartCard';

const days = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2026, 9, 26 + i)).toISOString());
const line: KpiChart = {
  id: 'traffic-tti',
  title: 'Travel time index',
  unit: 'ratio',
  kind: 'line',
  x: 't',
  series: [
    { key: 'value', label: 'This period', role: 'actual' },
    { key: 'previous', label: 'Previous period', role: 'previous' },
  ],
  rows: days.map((t, i) => ({ t, value: 1 + (i % 7) / 10, previous: i < 3 ? null : 1.2 })),
  asOf: days[29] ?? null,
};
const bars: KpiChart = {
  id: 'traffic-by-class',
  title: 'By road class',
  unit: 'km/h',
  kind: 'bar',
  x: 'name',
  series: [{ key: 'value', label: 'This period', role: 'actual' }],
  rows: [
    { name: 'Arterial', value: 38 },
    { name: 'Local', value: 24 },
  ],
  asOf: days[29] ?? null,
};

/** The card as the server renders it into the page's first HTML. */
const serverHtml = (chart: KpiChart) =>
  renderToString(
    <IntlProvider locale="en" timeZone="UTC" messages={{ kpi: MESSAGES.en.kpi, texts: MESSAGES.en.texts }}>
      <ChartCard chart={chart} step="day" from={days[0] ?? ''} to={days[29] ?? ''} />
    </IntlProvider>,
  );

describe('a KPI chart in the server-rendered page', () => {
  it('holds a drawn line for each series of a time series', () => {
    const html = serverHtml(line);
    expect(html).toMatch(/<path d="M0,[\d.]+(L[\d.]+,[\d.]+){29}" [^>]*data-series="value"/);
    expect(html).toMatch(/<path d="M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){26}" [^>]*data-series="previous"/);
  });

  it('holds a bar for each row of a breakdown', () => {
    expect(serverHtml(bars).match(/<rect [^>]*data-series="value"/g)).toHaveLength(2);
  });

  it('names its series in the legend and labels its axes', () => {
    const html = serverHtml(line);
    expect(html).toContain('Previous period');
    expect(html).toContain('Tue, Nov 24');
  });
});
