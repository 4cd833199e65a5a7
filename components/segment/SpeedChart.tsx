'use client';

import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslations } from 'use-intl';
import { useLocaleFormat } from '../control-room/use-locale-format';
import type { SpeedChartData } from './chart-data';

const OBSERVED = '#58a6ff';
const FORECAST = '#d2a8ff';
const AXIS = '#8b96a5';

/** Observed speed for the last hours, the forecast median after "now", and its P10–P90 band. */
export function SpeedChart({ data }: { data: SpeedChartData }) {
  const tr = useTranslations('forecast');
  const { fixed, clock, hourMinute } = useLocaleFormat();
  const kmh = (v: number) => `${fixed(v)} km/h`;
  return (
    <ComposedChart
      responsive
      style={{ width: '100%', height: 280 }}
      data={data.rows}
      margin={{ top: 8, right: 12, bottom: 20, left: 4 }}
      accessibilityLayer
    >
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
        width={48}
        domain={[0, 'auto']}
        label={{ value: tr('chart.speedAxis'), angle: -90, position: 'insideLeft', offset: 10, fill: AXIS, fontSize: 11, dy: 40 }}
      />
      <Tooltip
        contentStyle={{ background: '#0d1218', border: '1px solid #2c3846', fontSize: 12 }}
        labelFormatter={(t) => clock(Number(t))}
        formatter={(value) => (Array.isArray(value) ? `${kmh(Number(value[0]))} – ${kmh(Number(value[1]))}` : kmh(Number(value)))}
      />
      <Legend verticalAlign="top" height={28} iconSize={10} wrapperStyle={{ fontSize: 11 }} />
      <Area
        dataKey="band"
        name={tr('chart.band')}
        fill={FORECAST}
        fillOpacity={0.22}
        stroke="none"
        isAnimationActive={false}
        connectNulls
      />
      <Line dataKey="speed" name={tr('chart.observed')} stroke={OBSERVED} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
      <Line
        dataKey="p50"
        name={tr('chart.median')}
        stroke={FORECAST}
        strokeWidth={2}
        strokeDasharray="6 4"
        dot={false}
        isAnimationActive={false}
        connectNulls
      />
      {data.now !== null ? (
        <ReferenceLine x={data.now} stroke="#e6edf3" strokeDasharray="2 3" label={{ value: tr('chart.now'), position: 'top', fill: '#e6edf3', fontSize: 11 }} />
      ) : null}
    </ComposedChart>
  );
}
