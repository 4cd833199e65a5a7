'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { kpiSections, type KpiQuery, type KpiReport, type KpiSection } from '@/lib/protocol/kpi';
import { kpiSearch, parseKpiSearch } from '@/lib/protocol/kpi-search';
import { ChartCard } from '../charts/ChartCard';
import { formatStep } from '../charts/KpiChartView';
import { KpiControls } from './KpiControls';
import { SummaryTable } from './SummaryTable';
import { kpiReportQuery } from './queries';
import styles from './Kpi.module.css';

const SECTION_TITLE: Record<KpiSection, string> = { traffic: 'Traffic', energy: 'Energy', air: 'Air quality' };
const FILTER_LABEL: Record<KpiSection, string> = { traffic: 'Road class', energy: 'Substation', air: 'Station' };
const day = (iso: string) => formatStep(iso, 'hour');

/**
 * A section's KPI report: range and filter from the URL, the first report rendered on the server,
 * kept fresh by react-query; summary table, charts with CSV export, a printable layout.
 */
export function KpiDashboard({ section, initial, initialSearch }: { section: KpiSection; initial: KpiReport | null; initialSearch: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const { query, problem } = useMemo(() => parseKpiSearch(Object.fromEntries(params)), [params]);
  const search = kpiSearch(query);
  const report = useQuery({ ...kpiReportQuery(section, search), initialData: search === initialSearch && initial ? initial : undefined, placeholderData: (prev) => prev });
  const data = report.data;
  const setQuery = useCallback((next: KpiQuery) => router.replace(`${pathname}?${kpiSearch(next)}`, { scroll: false }), [router, pathname]);
  const navSearch = kpiSearch({ ...query, filter: undefined });

  return (
    <main className={styles.page} data-testid="kpi-page" data-section={section} data-loading={report.isFetching ? 'true' : 'false'}>
      <header className={styles.header}>
        <h1 className={styles.brand}>
          <Link href="/">Polis</Link> · KPIs
        </h1>
        <nav className={styles.tabs} aria-label="KPI sections">
          {kpiSections.map((s) => (
            <Link key={s} href={`/kpi/${s}?${navSearch}`} aria-current={s === section ? 'page' : undefined} className={s === section ? styles.tabOn : styles.tab}>
              {SECTION_TITLE[s]}
            </Link>
          ))}
        </nav>
      </header>
      <KpiControls query={query} report={data} filterLabel={FILTER_LABEL[section]} onChange={setQuery} />
      {problem ? <p className={styles.warn}>The address had a bad value ({problem}); showing the last day instead.</p> : null}
      {report.error ? <p className={styles.warn}>Could not refresh the report: {report.error.message}</p> : null}
      {data ? (
        <>
          <h2 className={styles.period} data-testid="kpi-period" data-from={data.from} data-to={data.to}>
            {SECTION_TITLE[section]} · {day(data.from)} – {day(data.to)} UTC
            {data.filter ? ` · ${data.filterOptions.find((o) => o.value === data.filter)?.label ?? data.filter}` : ''}
            <span className={styles.asOf}> · compared with {day(data.previousFrom)} – {day(data.from)} · data up to {data.asOf ? day(data.asOf) : 'none yet'}</span>
          </h2>
          <SummaryTable figures={data.figures} />
          <section className={styles.charts}>
            {data.charts.map((c) => (
              <ChartCard key={c.id} chart={c} step={c.id === 'air-aqi-daily' || c.id === 'air-pm25-who' ? 'day' : data.step} from={data.from} to={data.to} />
            ))}
          </section>
          {data.missing.length ? (
            <section className={styles.missing}>
              <h3>Not available yet</h3>
              <ul>
                {data.missing.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : (
        <p className={styles.warn}>{report.isPending ? 'Loading…' : 'No report.'}</p>
      )}
    </main>
  );
}
