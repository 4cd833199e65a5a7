'use client';

import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslations } from 'use-intl';
import { useLocaleFormat } from '../control-room/use-locale-format';
import type { ForecastChartData } from './forecast-chart-data';

const FORECAST = '#d2a8ff';
const LIMIT = '#f85149';
const AXIS = '#8b96a5';

interface Props {
  data: ForecastChartData;
  /** Axis label, e.g. "Load (kW)". */
  label: string;
  unit: string;
  /** A limit to draw across the chart (a feeder's capacity, an AQI category). */
  reference?: { value: number; label: string };
}

/** A forecast's median with its P10–P90 band over time, and an optional limit line. */
export function ForecastChart({ data, label, unit, reference }: Props) {
  const tr = useTranslations('forecast');
  const { fixed, clock, hourMinute } = useLocaleFormat();
  const fmt = (v: number) => `${fixed(v, Math.abs(v) >= 100 ? 0 : 1)} ${unit}`.trim();
  return (
    <ComposedChart responsive style={{ width: '100%', height: 240 }} data={data.rows} margin={{ top: 8, right: 12, bottom: 20, left: 4 }} accessibilityLayer>
      <CartesianGrid stroke="#26303b" strokeDasharray="3 3" />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={['dataMin', 'dataMax']}
        tickFormatter={(t: number) => hourMinute(t)}
        stroke={AXIS}
        fontSize={11}
        label={{ value: tr('chart.time'), position: 'insideBottom', offset: -12, fill: AXIS, fontSize: 11 }}
      />
      <YAxis
        stroke={AXIS}
        fontSize={11}
        width={56}
        domain={[Math.min(0, Math.floor(data.min)), Math.ceil(data.max * 1.05)]}
        label={{ value: label, angle: -90, position: 'insideLeft', offset: 10, fill: AXIS, fontSize: 11, dy: 40 }}
      />
      <Tooltip
        contentStyle={{ background: '#0d1218', border: '1px solid #2c3846', fontSize: 12 }}
        labelFormatter={(t) => clock(Number(t))}
        formatter={(value) => (Array.isArray(value) ? `${fmt(Number(value[0]))} – ${fmt(Number(value[1]))}` : fmt(Number(value)))}
      />
      <Legend verticalAlign="top" height={28} iconSize={10} wrapperStyle={{ fontSize: 11 }} />
      <Area dataKey="band" name={tr('chart.band')} fill={FORECAST} fillOpacity={0.22} stroke="none" isAnimationActive={false} />
      <Line dataKey="p50" name={tr('chart.median')} stroke={FORECAST} strokeWidth={2} dot={false} isAnimationActive={false} />
      {reference ? (
        <ReferenceLine y={reference.value} stroke={LIMIT} strokeDasharray="4 3" label={{ value: reference.label, position: 'insideTopRight', fill: LIMIT, fontSize: 11 }} />
      ) : null}
    </ComposedChart>
  );
}
