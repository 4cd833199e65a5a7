import { horizonLabel } from '@/lib/map/timeline';
import { formatHourMinute } from '../format/time';
import type { TimeTravelTraffic } from '../timeline/use-time-travel';
import styles from './TimeMarking.module.css';

/** The banner that says the map shows the past or a forecast, not now. */
export function TimeMarking({ travel }: { travel: TimeTravelTraffic }) {
  const { mode, shownAt, missing } = travel;
  if (mode.kind === 'live') return null;
  const when = shownAt ? formatHourMinute(shownAt) : null;
  return (
    <div className={styles.marking} role="status" data-testid="time-marking" data-mode={mode.kind}>
      <span className={styles.tag}>{mode.kind === 'replay' ? 'Replay' : 'Forecast'}</span>
      <span>
        {mode.kind === 'replay'
          ? `traffic at ${when ?? formatHourMinute(mode.at)} (5-minute history)`
          : `traffic ${horizonLabel(Math.min(mode.minutes, travel.horizonMinutes ?? mode.minutes))}${when ? ` (P50 at ${when})` : ''}`}
      </span>
      <span className={styles.note}>
        {missing ?? (mode.kind === 'forecast' && mode.minutes > (travel.horizonMinutes ?? mode.minutes) ? 'traffic forecasts reach +60 min; ' : '')}
        other layers live
      </span>
    </div>
  );
}
