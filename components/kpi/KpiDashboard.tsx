'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { useFormatter, useTranslations } from 'use-intl';
import { LocaleSwitch } from '@/components/i18n/LocaleSwitch';
import { kpiSections, type KpiQuery, type KpiReport, type KpiSection } from '@/lib/protocol/kpi';
import { kpiSearch, parseKpiSearch } from '@/lib/protocol/kpi-search';
import { ChartCard } from '../charts/ChartCard';
import { formatStep } from '../charts/chart-labels';
import { KpiControls } from './KpiControls';
import { filterOptionLabel, missingText } from './kpi-text';
import { SummaryTable } from './SummaryTable';
import { kpiReportQuery } from './queries';
import styles from './Kpi.module.css';


/** The product's name, the same in every language. */
const BRAND = 'Polis';

/**
 * A section's KPI report: range and filter from the URL, the first report rendered on the server,
 * kept fresh by react-query; summary table, charts with CSV export, a printable layout.
 */
export function KpiDashboard({ section, initial, initialSearch }: { section: KpiSection; initial: KpiReport | null; initialSearch: string }) {
  const t = useTranslations('kpi');
  const format = useFormatter();
  const day = (iso: string) => formatStep(format, iso, 'hour');
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
          <Link href="/">{BRAND}</Link> · {t('brand')}
        </h1>
        <nav className={styles.tabs} aria-label={t('sections.label')}>
          {kpiSections.map((s) => (
            <Link key={s} href={`/kpi/${s}?${navSearch}`} aria-current={s === section ? 'page' : undefined} className={s === section ? styles.tabOn : styles.tab}>
              {t(`sections.${s}`)}
            </Link>
          ))}
        </nav>
        <LocaleSwitch />
      </header>
      <KpiControls section={section} query={query} report={data} onChange={setQuery} />
      {problem ? <p className={styles.warn}>{t('page.badAddress', { problem })}</p> : null}
      {report.error ? <p className={styles.warn}>{t('page.refreshError', { message: report.error.message })}</p> : null}
      {data ? (
        <>
          <h2 className={styles.period} data-testid="kpi-period" data-from={data.from} data-to={data.to}>
            {t(`sections.${section}`)} · {t('page.period', { from: day(data.from), to: day(data.to) })}
            {data.filter ? ` · ${filterOptionLabel(t, section, data.filterOptions.find((o) => o.value === data.filter) ?? { value: data.filter, label: data.filter })}` : ''}
            <span className={styles.asOf}>
              {' · '}
              {t('page.compared', { from: day(data.previousFrom), to: day(data.from) })}
              {' · '}
              {t('page.dataUpTo', { time: data.asOf ? day(data.asOf) : t('page.noDataYet') })}
            </span>
          </h2>
          <SummaryTable section={section} figures={data.figures} />
          <section className={styles.charts}>
            {data.charts.map((c) => (
              <ChartCard key={c.id} chart={c} step={c.id === 'air-aqi-daily' || c.id === 'air-pm25-who' ? 'day' : data.step} from={data.from} to={data.to} />
            ))}
          </section>
          {data.missing.length ? (
            <section className={styles.missing}>
              <h3>{t('page.missingTitle')}</h3>
              <ul>
                {data.missing.map((m) => (
                  <li key={m}>{missingText(t, m)}</li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : (
        <p className={styles.warn}>{report.isPending ? t('page.loading') : t('page.noReport')}</p>
      )}
    </main>
  );
}
