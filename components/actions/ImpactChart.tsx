'use client';

import { CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { useLocale, useTranslations } from 'use-intl';
import type { Action } from '@/lib/protocol/actions';
import { formatFigure, impactRows, withUnit } from './impact-chart-data';
import { unitText } from './labels';

const BASELINE = '#8b96a5';
const WITH_PLAN = '#58a6ff';
const OBSERVED = '#3fb950';
const AXIS = '#8b96a5';

/**
 * The metric over the horizon without the plan and with it (the twin run forward from the same
 * state) and, once the action is live, what was observed: minutes from the plan's start.
 */
export function ImpactChart({ action, height = 150 }: { action: Pick<Action, 'kind' | 'target' | 'impact' | 'observed'>; height?: number }) {
  const t = useTranslations('actions');
  const locale = useLocale();
  const { impact, observed } = action;
  const rows = impactRows(impact, observed);
  const unit = unitText(t, impact.unit);
  const metric = t(`metric.${action.kind}`, { name: action.target.name });
  return (
    <ComposedChart
      responsive
      style={{ width: '100%', height }}
      data={rows}
      margin={{ top: 4, right: 8, bottom: 16, left: 0 }}
      accessibilityLayer
      title={t(observed.length ? 'chartTitleObserved' : 'chartTitle', { metric })}
    >
      <CartesianGrid stroke="#26303b" strokeDasharray="3 3" />
      <XAxis
        dataKey="minute"
        type="number"
        domain={[0, 'dataMax']}
        stroke={AXIS}
        fontSize={10}
        tickFormatter={(m: number) => formatFigure(m, locale)}
        label={{ value: t('minutesFromStart'), position: 'insideBottom', offset: -8, fill: AXIS, fontSize: 10 }}
      />
      <YAxis stroke={AXIS} fontSize={10} width={40} domain={['auto', 'auto']} tickFormatter={(v: number) => formatFigure(v, locale)} />
      <Tooltip
        contentStyle={{ background: '#0d1218', border: '1px solid #2c3846', fontSize: 12 }}
        labelFormatter={(m) => t('minute', { minute: Number(m) })}
        formatter={(value) => withUnit(Number(value), unit, locale)}
      />
      <Legend verticalAlign="top" height={22} iconSize={9} wrapperStyle={{ fontSize: 11 }} />
      <Line dataKey="baseline" name={t('seriesWithout')} stroke={BASELINE} strokeWidth={1.5} strokeDasharray="5 4" dot={false} isAnimationActive={false} connectNulls />
      <Line dataKey="withPlan" name={t('seriesWith')} stroke={WITH_PLAN} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
      {observed.length ? (
        <Line dataKey="observed" name={t('seriesObserved')} stroke={OBSERVED} strokeWidth={0} dot={{ r: 2.5, fill: OBSERVED }} isAnimationActive={false} connectNulls={false} />
      ) : null}
    </ComposedChart>
  );
}
