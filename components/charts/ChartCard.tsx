'use client';

import type { KpiChart } from '@/lib/protocol/kpi';
import { chartCsv, csvFileName } from './csv';
import { KpiChartView, formatStep } from './KpiChartView';
import styles from './ChartCard.module.css';

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
  const empty = chart.rows.every((r) => chart.series.every((s) => s.role === 'threshold' || r[s.key] === null || r[s.key] === undefined));
  return (
    <figure className={styles.card} data-testid={`chart-${chart.id}`}>
      <figcaption className={styles.head}>
        <h3 className={styles.title}>
          {chart.title} <span className={styles.unit}>({chart.unit})</span>
        </h3>
        <button type="button" className={styles.csv} onClick={() => download(csvFileName(chart.id, from, to), chartCsv(chart))} data-testid={`csv-${chart.id}`}>
          CSV
        </button>
      </figcaption>
      {empty ? <p className={styles.empty}>No data for this period.</p> : <KpiChartView chart={chart} step={step} />}
      <p className={styles.meta}>
        {chart.asOf ? `Data up to ${formatStep(chart.asOf, 'hour')} UTC` : 'No data yet'}
        {chart.note ? ` · ${chart.note}` : ''}
      </p>
    </figure>
  );
}
