'use client';

import { useFormatter, useLocale, useTranslations } from 'use-intl';
import type { KpiFigure, KpiSection } from '@/lib/protocol/kpi';
import { figureText } from './kpi-text';
import styles from './Kpi.module.css';

type Formatter = ReturnType<typeof useFormatter>;

function change(format: Formatter, f: KpiFigure): { text: string; tone: 'good' | 'bad' | 'flat' } {
  if (f.value === null || f.previous === null) return { text: '—', tone: 'flat' };
  const d = f.value - f.previous;
  if (Math.abs(d) < 1e-9) return { text: '±0', tone: 'flat' };
  const rel = f.previous !== 0 ? ` (${format.number((d / Math.abs(f.previous)) * 100, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' })} %)` : '';
  const better = f.higherIsBetter === null ? null : d > 0 === f.higherIsBetter;
  return { text: `${format.number(d, { maximumFractionDigits: 3, signDisplay: 'exceptZero' })}${rel}`, tone: better === null ? 'flat' : better ? 'good' : 'bad' };
}

/** The period's KPIs beside the previous period's, with the change and each KPI's definition. */
export function SummaryTable({ section, figures }: { section: KpiSection; figures: KpiFigure[] }) {
  const t = useTranslations('kpi');
  const locale = useLocale();
  const format = useFormatter();
  const fmt = (v: number | null, unit: string) => (v === null ? '—' : `${format.number(v, { maximumFractionDigits: 3 })}${unit ? ` ${unit}` : ''}`);
  return (
    <table className={styles.summary} data-testid="kpi-summary">
      <thead>
        <tr>
          <th scope="col">{t('summary.kpi')}</th>
          <th scope="col">{t('summary.thisPeriod')}</th>
          <th scope="col">{t('summary.previousPeriod')}</th>
          <th scope="col">{t('summary.change')}</th>
          <th scope="col">{t('summary.definition')}</th>
        </tr>
      </thead>
      <tbody>
        {figures.map((f) => {
          const c = change(format, f);
          const text = figureText(t, locale, section, f);
          return (
            <tr key={f.key} data-kpi={f.key} data-value={f.value ?? ''}>
              <th scope="row">{text.label}</th>
              <td>{fmt(f.value, text.unit)}</td>
              <td>{fmt(f.previous, text.unit)}</td>
              <td className={styles[c.tone]}>{c.text}</td>
              <td className={styles.definition}>{text.definition}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
