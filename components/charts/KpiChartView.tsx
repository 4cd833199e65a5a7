'use client';

import { Area, Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { KpiChart } from '@/lib/protocol/kpi';
import { useChartLabels } from './chart-labels';
import { AXIS, BAND_OPACITY, barColour, CHART_HEIGHT, FONT_SIZE, GRID, LEGEND_HEIGHT, lineDash, lineSeries, lineWidth, MARGIN, ROLE_COLOUR, Y_AXIS_WIDTH } from './chart-style';

const tooltipStyle = { background: '#0d1218', border: '1px solid #2c3846', fontSize: 12 } as const;

/**
 * One KPI chart drawn with recharts: lines (this vs previous period), a forecast band, or bars.
 * Loaded after hydration (ChartCard); until then StaticChart shows the same chart, drawn on the server.
 */
export function KpiChartView({ chart, step }: { chart: KpiChart; step: 'hour' | 'day' }) {
  const { t, text, barName, num, time } = useChartLabels(chart, step);
  const common = { responsive: true, style: { width: '100%', height: CHART_HEIGHT }, margin: MARGIN, accessibilityLayer: true } as const;
  const yAxis = (
    <YAxis stroke={AXIS} fontSize={FONT_SIZE} width={Y_AXIS_WIDTH} tickFormatter={num} label={{ value: text.unit, angle: -90, position: 'insideLeft', fill: AXIS, fontSize: FONT_SIZE, dy: 40 }} />
  );
  const legend = <Legend verticalAlign="top" height={LEGEND_HEIGHT} iconSize={10} wrapperStyle={{ fontSize: FONT_SIZE }} />;
  if (chart.kind === 'bar') {
    return (
      <BarChart data={chart.rows.map((r) => ({ ...r, name: barName(String(r.name)) }))} {...common}>
        <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
        <XAxis dataKey="name" stroke={AXIS} fontSize={FONT_SIZE} />
        {yAxis}
        <Tooltip contentStyle={tooltipStyle} formatter={num} />
        {legend}
        {chart.series.map((s, i) => (
          <Bar key={s.key} dataKey={s.key} name={text.series.get(s.key)} fill={barColour(s, i)} isAnimationActive={false} />
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
      <XAxis dataKey="t" stroke={AXIS} fontSize={FONT_SIZE} tickFormatter={time} minTickGap={24} />
      {yAxis}
      <Tooltip
        contentStyle={tooltipStyle}
        labelFormatter={(x) => time(String(x))}
        formatter={(value) => (Array.isArray(value) ? `${num(value[0])} – ${num(value[1])} ${text.unit}` : `${num(value)} ${text.unit}`)}
      />
      {legend}
      {band ? (
        <Area dataKey="band" name={t('chart.forecastBand')} fill={ROLE_COLOUR.forecast} fillOpacity={BAND_OPACITY} stroke="none" isAnimationActive={false} connectNulls />
      ) : null}
      {lineSeries(chart).map((s) => (
        <Line
          key={s.key}
          dataKey={s.key}
          name={text.series.get(s.key)}
          stroke={ROLE_COLOUR[s.role]}
          strokeWidth={lineWidth(s)}
          strokeDasharray={lineDash(s)}
          dot={rows.length <= 2}
          isAnimationActive={false}
          connectNulls
        />
      ))}
    </ComposedChart>
  );
}
