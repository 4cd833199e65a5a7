import type { KpiFigure } from '@/lib/protocol/kpi';
import styles from './Kpi.module.css';

const fmt = (v: number | null, unit: string) => (v === null ? '—' : `${v.toLocaleString('en-GB', { maximumFractionDigits: 3 })}${unit && unit !== '' ? ` ${unit}` : ''}`);

function change(f: KpiFigure): { text: string; tone: 'good' | 'bad' | 'flat' } {
  if (f.value === null || f.previous === null) return { text: '—', tone: 'flat' };
  const d = f.value - f.previous;
  if (Math.abs(d) < 1e-9) return { text: '±0', tone: 'flat' };
  const rel = f.previous !== 0 ? ` (${d > 0 ? '+' : ''}${((d / Math.abs(f.previous)) * 100).toFixed(1)} %)` : '';
  const better = f.higherIsBetter === null ? null : d > 0 === f.higherIsBetter;
  return { text: `${d > 0 ? '+' : ''}${Number(d.toFixed(3)).toLocaleString('en-GB')}${rel}`, tone: better === null ? 'flat' : better ? 'good' : 'bad' };
}

/** The period's KPIs beside the previous period's, with the change and each KPI's definition. */
export function SummaryTable({ figures }: { figures: KpiFigure[] }) {
  return (
    <table className={styles.summary} data-testid="kpi-summary">
      <thead>
        <tr>
          <th scope="col">KPI</th>
          <th scope="col">This period</th>
          <th scope="col">Previous period</th>
          <th scope="col">Change</th>
          <th scope="col">Definition</th>
        </tr>
      </thead>
      <tbody>
        {figures.map((f) => {
          const c = change(f);
          return (
            <tr key={f.key} data-kpi={f.key} data-value={f.value ?? ''}>
              <th scope="row">{f.label}</th>
              <td>{fmt(f.value, f.unit)}</td>
              <td>{fmt(f.previous, f.unit)}</td>
              <td className={styles[c.tone]}>{c.text}</td>
              <td className={styles.definition}>{f.definition}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
