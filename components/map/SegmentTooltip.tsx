import { roadClassLabel, type RoadSegment } from '@/lib/domain/road';
import { directionHint } from '@/lib/map/direction';
import type { TrafficReading } from '@/lib/protocol/traffic';
import { formatClock } from '../format/time';
import styles from './SegmentTooltip.module.css';

interface Props {
  segment: RoadSegment;
  reading: TrafficReading | undefined;
  /** Where to put the tooltip's top-left corner inside the map, in pixels (beside the pointer). */
  left: number;
  top: number;
}

/** What is under the pointer: the street, which way it runs, and its latest reading. */
export function SegmentTooltip({ segment, reading, left, top }: Props) {
  const direction = directionHint(segment.path);
  return (
    <div role="tooltip" data-testid="segment-tooltip" className={styles.tooltip} style={{ transform: `translate(${left}px, ${top}px)` }}>
      <div className={styles.name}>{segment.name}</div>
      <div className={styles.meta}>
        {roadClassLabel[segment.roadClass]}
        {direction ? ` · ${direction}` : ''}
      </div>
      {reading ? (
        <dl className={styles.values}>
          <dt>Speed</dt>
          <dd>
            {reading.speedKmh.toFixed(0)} km/h <span className={styles.dim}>of {segment.freeFlowKmh.toFixed(0)} free-flow</span>
          </dd>
          <dt>Flow</dt>
          <dd>{reading.flowVph.toFixed(0)} veh/h</dd>
          <dt>Reading</dt>
          <dd>{formatClock(reading.observedAt)}</dd>
        </dl>
      ) : (
        <div className={styles.dim}>No reading yet</div>
      )}
    </div>
  );
}
