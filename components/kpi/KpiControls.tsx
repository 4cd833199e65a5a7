'use client';

import { kpiRanges, type KpiQuery, type KpiReport } from '@/lib/protocol/kpi';
import styles from './Kpi.module.css';

const RANGE_LABEL = { day: 'Day', week: 'Week', month: 'Month', custom: 'Custom' } as const;
const dateOnly = (iso: string) => iso.slice(0, 10);
const DAY_MS = 86_400_000;
/** Custom ranges are whole UTC days, so the date inputs show exactly what the URL says. */
const dayStart = (iso: string, up: boolean) => new Date((up ? Math.ceil : Math.floor)(Date.parse(iso) / DAY_MS) * DAY_MS).toISOString();

/** Range (day, week, month, custom dates) and the section's breakdown filter; every change goes to the URL. */
export function KpiControls({ query, report, filterLabel, onChange }: { query: KpiQuery; report: KpiReport | undefined; filterLabel: string; onChange: (next: KpiQuery) => void }) {
  const from = query.from ?? report?.from;
  const to = query.to ?? report?.to;
  return (
    <form className={styles.controls} onSubmit={(e) => e.preventDefault()} aria-label="Report period and filter">
      <fieldset className={styles.ranges}>
        <legend className={styles.hidden}>Range</legend>
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
            {RANGE_LABEL[r]}
          </label>
        ))}
      </fieldset>
      {query.range === 'custom' ? (
        <>
          <label>
            From{' '}
            <input
              type="date"
              name="from"
              value={from ? dateOnly(from) : ''}
              onChange={(e) => e.target.value && onChange({ ...query, from: `${e.target.value}T00:00:00.000Z` })}
            />
          </label>
          <label>
            To{' '}
            <input type="date" name="to" value={to ? dateOnly(to) : ''} onChange={(e) => e.target.value && onChange({ ...query, to: `${e.target.value}T00:00:00.000Z` })} />
          </label>
        </>
      ) : null}
      <label>
        {filterLabel}{' '}
        <select name="filter" value={query.filter ?? ''} onChange={(e) => onChange({ ...query, filter: e.target.value || undefined })}>
          <option value="">All</option>
          {(report?.filterOptions ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className={styles.print} onClick={() => window.print()}>
        Print report
      </button>
    </form>
  );
}
