'use client';

import type { ReactNode } from 'react';
import { useFormatter, useTranslations } from 'use-intl';
import type { WorstFeeder, WorstSegment, WorstStation } from '@/lib/a11y/worst';
import styles from './WorstList.module.css';

/** One ranked table: a heading for navigation, a caption saying how it is ranked, column headers with units. */
function RankedTable({ id, heading, caption, columns, empty, children }: { id: string; heading: string; caption: string; columns: string[]; empty: boolean; children: ReactNode }) {
  const t = useTranslations('a11y');
  return (
    <section aria-labelledby={id} className={styles.block} data-testid={id}>
      <h3 id={id} className={styles.heading}>
        {heading}
      </h3>
      <table className={styles.table}>
        <caption className={styles.caption}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('listView.rank')}</th>
            {columns.map((c, i) => (
              <th key={c} scope="col" className={i === 0 ? undefined : styles.num}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {empty ? (
            <tr>
              <td colSpan={columns.length + 1}>{t('listView.empty')}</td>
            </tr>
          ) : (
            children
          )}
        </tbody>
      </table>
    </section>
  );
}

export function SegmentTable({ rows }: { rows: WorstSegment[] }) {
  const t = useTranslations('a11y');
  const f = useFormatter();
  return (
    <RankedTable
      id="worst-segments"
      heading={t('segments.heading')}
      caption={t('segments.caption')}
      columns={[t('segments.name'), t('segments.speed'), t('segments.freeFlow'), t('segments.ratio'), t('segments.level')]}
      empty={rows.length === 0}
    >
      {rows.map((r, i) => (
        <tr key={r.id} data-id={r.id}>
          <td>{f.number(i + 1)}</td>
          <th scope="row">{r.name}</th>
          <td className={styles.num}>{f.number(r.speedKmh, { maximumFractionDigits: 0 })}</td>
          <td className={styles.num}>{f.number(r.freeFlowKmh, { maximumFractionDigits: 0 })}</td>
          <td className={styles.num}>{f.number(r.ratio, { style: 'percent', maximumFractionDigits: 0 })}</td>
          <td className={styles.num}>{t(`congestion.${r.level}`)}</td>
        </tr>
      ))}
    </RankedTable>
  );
}

const aqiLevelKey = (level: number) => String(Math.max(1, Math.min(6, Math.round(level)))) as '1' | '2' | '3' | '4' | '5' | '6';

export function StationTable({ rows }: { rows: WorstStation[] }) {
  const t = useTranslations('a11y');
  const f = useFormatter();
  return (
    <RankedTable
      id="worst-stations"
      heading={t('stations.heading')}
      caption={t('stations.caption')}
      columns={[t('stations.name'), t('stations.aqi'), t('stations.level')]}
      empty={rows.length === 0}
    >
      {rows.map((r, i) => (
        <tr key={r.id} data-id={r.id}>
          <td>{f.number(i + 1)}</td>
          <th scope="row">{r.name}</th>
          <td className={styles.num}>{f.number(r.aqi)}</td>
          <td className={styles.num}>{t(`aqiLevels.${r.aqiStandard === 'cn-hj633' ? 'cn' : 'us'}.${aqiLevelKey(r.aqiLevel)}`)}</td>
        </tr>
      ))}
    </RankedTable>
  );
}

export function FeederTable({ rows }: { rows: WorstFeeder[] }) {
  const t = useTranslations('a11y');
  const f = useFormatter();
  return (
    <RankedTable
      id="worst-feeders"
      heading={t('feeders.heading')}
      caption={t('feeders.caption')}
      columns={[t('feeders.name'), t('feeders.load'), t('feeders.capacity'), t('feeders.utilisation')]}
      empty={rows.length === 0}
    >
      {rows.map((r, i) => (
        <tr key={r.id} data-id={r.id}>
          <td>{f.number(i + 1)}</td>
          <th scope="row">{r.name}</th>
          <td className={styles.num}>{f.number(r.loadKw, { maximumFractionDigits: 0 })}</td>
          <td className={styles.num}>{f.number(r.capacityKw, { maximumFractionDigits: 0 })}</td>
          <td className={styles.num}>{f.number(r.utilisation, { style: 'percent', maximumFractionDigits: 0 })}</td>
        </tr>
      ))}
    </RankedTable>
  );
}
