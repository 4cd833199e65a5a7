import { iconDataUrl } from '@/lib/map/icons';
import type { LegendGroup, LegendMark } from '@/lib/map/legends';
import styles from './LayerPanel.module.css';

const rgb = (c: readonly number[]) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

function Mark({ mark }: { mark: LegendMark }) {
  switch (mark.kind) {
    case 'line':
      return <span className={mark.dashed ? `${styles.line} ${styles.dashed}` : styles.line} style={{ background: rgb(mark.rgb) }} aria-hidden="true" />;
    case 'circle': {
      const size = mark.sizePx ?? 12;
      return <span className={styles.circle} style={{ background: rgb(mark.rgb), width: size, height: size }} aria-hidden="true" />;
    }
    case 'area':
      return <span className={styles.area} style={{ background: rgb(mark.rgb) }} aria-hidden="true" />;
    case 'icon':
      // eslint-disable-next-line @next/next/no-img-element -- a tiny inline SVG data URL; next/image would add nothing
      return <img className={styles.icon} src={iconDataUrl(mark.icon, mark.rgb)} alt="" width={16} height={16} />;
  }
}

/** A legend: groups of marks drawn as the map draws them, each with what it means. Renders on the server. */
export function LegendGroups({ groups, id, testId }: { groups: LegendGroup[]; id: string; testId?: string }) {
  return (
    <div className={styles.legend} data-testid={testId}>
      {groups.map((group, gi) => (
        <section key={group.title} aria-labelledby={`${id}-${gi}`} className={styles.group}>
          <h3 id={`${id}-${gi}`} className={styles.groupTitle}>
            {group.title}
          </h3>
          <ul className={styles.entries}>
            {group.entries.map((e) => (
              <li key={e.label}>
                <span className={styles.markBox}>
                  <Mark mark={e.mark} />
                </span>
                {e.label}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
