'use client';

import { lazy, Suspense, useSyncExternalStore } from 'react';
import { useFormatter, useTranslations } from 'use-intl';
import { chartText } from '@/components/kpi/kpi-text';
import type { KpiChart } from '@/lib/protocol/kpi';
import { formatStep } from './chart-labels';
import { chartCsv, csvFileName } from './csv';
import { StaticChart } from './StaticChart';
import styles from './ChartCard.module.css';

/** recharts (~400 KiB) is off the first paint's path: it loads after hydration and takes over from the drawn chart. */
const KpiChartView = lazy(() => import('./KpiChartView').then((m) => ({ default: m.KpiChartView })));

const noSubscription = () => () => {};
/** False in the server's HTML and while hydrating it, true once the page is live in the browser. */
const useHydrated = () => useSyncExternalStore(noSubscription, () => true, () => false);

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A chart with its title, units, when its data was last updated, and a CSV export of its data. */
export function ChartCard({ chart, step, from, to }: { chart: KpiChart; step: 'hour' | 'day'; from: string; to: string }) {
  const t = useTranslations('kpi');
  const format = useFormatter();
  const text = chartText(t, chart);
  const hydrated = useHydrated();
  const empty = chart.rows.every((r) => chart.series.every((s) => s.role === 'threshold' || r[s.key] === null || r[s.key] === undefined));
  return (
    <figure className={styles.card} data-testid={`chart-${chart.id}`}>
      <figcaption className={styles.head}>
        <h3 className={styles.title}>
          {text.title} <span className={styles.unit}>({text.unit})</span>
        </h3>
        <button type="button" className={styles.csv} title={t('chart.csvTitle')} onClick={() => download(csvFileName(chart.id, from, to), chartCsv(chart))} data-testid={`csv-${chart.id}`}>
          {t('chart.csv')}
        </button>
      </figcaption>
      {empty ? (
        <p className={styles.empty}>{t('chart.empty')}</p>
      ) : hydrated ? (
        <Suspense fallback={<StaticChart chart={chart} step={step} />}>
          <KpiChartView chart={chart} step={step} />
        </Suspense>
      ) : (
        <StaticChart chart={chart} step={step} />
      )}
      <p className={styles.meta}>
        {chart.asOf ? t('chart.dataUpTo', { time: formatStep(format, chart.asOf, 'hour') }) : t('chart.noData')}
        {text.note ? ` · ${text.note}` : ''}
      </p>
    </figure>
  );
}
