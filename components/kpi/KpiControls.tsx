'use client';

import { useTranslations } from 'use-intl';
import { kpiRanges, type KpiQuery, type KpiReport, type KpiSection } from '@/lib/protocol/kpi';
import { filterOptionLabel } from './kpi-text';
import styles from './Kpi.module.css';

const dateOnly = (iso: string) => iso.slice(0, 10);
const DAY_MS = 86_400_000;
/** Custom ranges are whole UTC days, so the date inputs show exactly what the URL says. */
const dayStart = (iso: string, up: boolean) => new Date((up ? Math.ceil : Math.floor)(Date.parse(iso) / DAY_MS) * DAY_MS).toISOString();

/** Range (day, week, month, custom dates) and the section's breakdown filter; every change goes to the URL. */
export function KpiControls({ section, query, report, onChange }: { section: KpiSection; query: KpiQuery; report: KpiReport | undefined; onChange: (next: KpiQuery) => void }) {
  const t = useTranslations('kpi');
  const from = query.from ?? report?.from;
  const to = query.to ?? report?.to;
  return (
    <form className={styles.controls} onSubmit={(e) => e.preventDefault()} aria-label={t('controls.label')}>
      <fieldset className={styles.ranges}>
        <legend className={styles.hidden}>{t('controls.range')}</legend>
        {kpiRanges.map((r) => (
          <label key={r} className={query.range === r ? styles.rangeOn : styles.range}>
            <input
              type="radio"
              name="range"
              value={r}
              checked={query.range === r}
              onChange={() =>
                onChange(
                  r === 'custom'
                    ? { range: 'custom', from: dayStart(from ?? new Date().toISOString(), false), to: dayStart(to ?? new Date().toISOString(), true), filter: query.filter }
                    : { range: r, end: query.end, filter: query.filter },
                )
              }
            />
            {t(`controls.${r}`)}
          </label>
        ))}
      </fieldset>
      {query.range === 'custom' ? (
        <>
          <label>
            {t('controls.from')}{' '}
            <input
              type="date"
              name="from"
              value={from ? dateOnly(from) : ''}
              onChange={(e) => e.target.value && onChange({ ...query, from: `${e.target.value}T00:00:00.000Z` })}
            />
          </label>
          <label>
            {t('controls.to')}{' '}
            <input type="date" name="to" value={to ? dateOnly(to) : ''} onChange={(e) => e.target.value && onChange({ ...query, to: `${e.target.value}T00:00:00.000Z` })} />
          </label>
        </>
      ) : null}
      <label>
        {t(`filters.${section}`)}{' '}
        <select name="filter" value={query.filter ?? ''} onChange={(e) => onChange({ ...query, filter: e.target.value || undefined })}>
          <option value="">{t('filters.all')}</option>
          {(report?.filterOptions ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {filterOptionLabel(t, section, o)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className={styles.print} onClick={() => window.print()}>
        {t('controls.print')}
      </button>
    </form>
  );
}
