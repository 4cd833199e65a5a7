'use client';

import { Area, Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormatter, useLocale, useTranslations } from 'use-intl';
import { categoryName, chartText } from '@/components/kpi/kpi-text';
import { useText } from '@/components/i18n/use-text';
import type { KpiChart } from '@/lib/protocol/kpi';

const AXIS = '#8b96a5';
const GRID = '#26303b';
/** Colour-blind-safe (Okabe–Ito): blue for this period, orange for the previous, purple for forecasts. */
const ROLE_COLOUR = { actual: '#56b4e9', previous: '#e69f00', forecast: '#cc79a7', low: '#cc79a7', high: '#cc79a7', threshold: '#d55e00' } as const;
const BAR_COLOURS = ['#56b4e9', '#009e73', '#f0e442', '#cc79a7'];

const tooltipStyle = { background: '#0d1218', border: '1px solid #2c3846', fontSize: 12 } as const;

type Formatter = ReturnType<typeof useFormatter>;

/** "Mar 2, 14:00" or "3月2日 14:00" for hourly steps, "Mon, Mar 2" or "3月2日周一" for daily, in UTC (the city's time). */
export function formatStep(format: Formatter, iso: string, step: 'hour' | 'day'): string {
  const d = new Date(iso);
  return step === 'day'
    ? format.dateTime(d, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })
    : format.dateTime(d, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
}

/** One KPI chart drawn with recharts: lines (this vs previous period), a forecast band, or bars. */
export function KpiChartView({ chart, step }: { chart: KpiChart; step: 'hour' | 'day' }) {
  const t = useTranslations('kpi');
  const locale = useLocale();
  const format = useFormatter();
  const say = useText();
  const text = chartText(t, chart);
  /** A bar's name: a coded one (an action's title, and when it ended) in the page's language, else by the chart's ids. */
  const barName = (name: string) => {
    const coded = chart.nameTexts?.[name];
    const said = coded ? say(coded.text, '') : '';
    if (!coded || !said) return categoryName(t, locale, chart.id, name);
    return coded.at ? `${said} · ${formatStep(format, coded.at, 'hour')}` : said;
  };
  const num = (v: unknown) => (typeof v === 'number' ? format.number(v, { maximumFractionDigits: 3 }) : String(v));
  const common = { responsive: true, style: { width: '100%', height: 260 }, margin: { top: 8, right: 16, bottom: 8, left: 4 }, accessibilityLayer: true } as const;
  const yAxis = <YAxis stroke={AXIS} fontSize={11} width={56} tickFormatter={num} label={{ value: text.unit, angle: -90, position: 'insideLeft', fill: AXIS, fontSize: 11, dy: 40 }} />;
  const legend = <Legend verticalAlign="top" height={28} iconSize={10} wrapperStyle={{ fontSize: 11 }} />;
  if (chart.kind === 'bar') {
    return (
      <BarChart data={chart.rows.map((r) => ({ ...r, name: barName(String(r.name)) }))} {...common}>
        <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
        <XAxis dataKey="name" stroke={AXIS} fontSize={11} />
        {yAxis}
        <Tooltip contentStyle={tooltipStyle} formatter={num} />
        {legend}
        {chart.series.map((s, i) => (
          <Bar key={s.key} dataKey={s.key} name={text.series.get(s.key)} fill={s.role === 'previous' ? ROLE_COLOUR.previous : BAR_COLOURS[i % BAR_COLOURS.length]} isAnimationActive={false} />
        ))}
      </BarChart>
    );
  }
  const band = chart.kind === 'band';
  // recharts draws a range area from a [low, high] pair.
  const rows: Record<string, unknown>[] = band ? chart.rows.map((r) => ({ ...r, band: r.low !== null && r.high !== null ? [r.low, r.high] : null })) : chart.rows;
  return (
    <ComposedChart data={rows} {...common}>
      <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
      <XAxis dataKey="t" stroke={AXIS} fontSize={11} tickFormatter={(x: string) => formatStep(format, x, step)} minTickGap={24} />
      {yAxis}
      <Tooltip
        contentStyle={tooltipStyle}
        labelFormatter={(x) => formatStep(format, String(x), step)}
        formatter={(value) => (Array.isArray(value) ? `${num(value[0])} – ${num(value[1])} ${text.unit}` : `${num(value)} ${text.unit}`)}
      />
      {legend}
      {band ? (
        <Area dataKey="band" name={t('chart.forecastBand')} fill={ROLE_COLOUR.forecast} fillOpacity={0.2} stroke="none" isAnimationActive={false} connectNulls />
      ) : null}
      {chart.series
        .filter((s) => s.role !== 'low' && s.role !== 'high')
        .map((s) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={text.series.get(s.key)}
            stroke={ROLE_COLOUR[s.role]}
            strokeWidth={s.role === 'actual' ? 2 : 1.5}
            strokeDasharray={s.role === 'actual' ? undefined : s.role === 'threshold' ? '2 3' : '6 4'}
            dot={rows.length <= 2}
            isAnimationActive={false}
            connectNulls
          />
        ))}
    </ComposedChart>
  );
}
