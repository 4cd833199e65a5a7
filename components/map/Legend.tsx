import { congestionBands, noDataRgb } from '@/lib/domain/congestion';
import styles from './Legend.module.css';

const rgb = (c: readonly number[]) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

/** What the traffic colours mean: the same bands the map draws with, plus grey for no data. */
export function Legend() {
  return (
    <section className={styles.legend} aria-labelledby="legend-title" data-testid="legend">
      <h2 id="legend-title" className={styles.title}>
        Speed vs free flow
      </h2>
      <ul className={styles.list}>
        {congestionBands.map((band) => (
          <li key={band.level}>
            <span className={styles.swatch} style={{ background: rgb(band.rgb) }} aria-hidden="true" />
            {band.label}
          </li>
        ))}
        <li>
          <span className={styles.swatch} style={{ background: rgb(noDataRgb) }} aria-hidden="true" />
          No data
        </li>
      </ul>
    </section>
  );
}
