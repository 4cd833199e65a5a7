'use client';

import { useTranslations } from 'use-intl';
import type { RoadSegment } from '@/lib/domain/road';
import type { TrafficReading } from '@/lib/protocol/traffic';
import { useLocaleFormat } from '../control-room/use-locale-format';
import { directionWords } from './direction-words';
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
  const t = useTranslations('map');
  const { fixed, clock } = useLocaleFormat();
  const direction = directionWords(t, segment.path);
  return (
    <div role="tooltip" data-testid="segment-tooltip" className={styles.tooltip} style={{ transform: `translate(${left}px, ${top}px)` }}>
      <div className={styles.name}>{segment.name}</div>
      <div className={styles.meta}>
        {t(`roadClass.${segment.roadClass}`)}
        {direction ? ` · ${direction}` : ''}
      </div>
      {reading ? (
        <dl className={styles.values}>
          <dt>{t('tooltip.speed')}</dt>
          <dd>
            {t('tooltip.speedValue', { speed: fixed(reading.speedKmh) })} <span className={styles.dim}>{t('tooltip.ofFreeFlow', { freeFlow: fixed(segment.freeFlowKmh) })}</span>
          </dd>
          <dt>{t('tooltip.flow')}</dt>
          <dd>{t('tooltip.flowValue', { flow: fixed(reading.flowVph) })}</dd>
          <dt>{t('tooltip.reading')}</dt>
          <dd>{clock(reading.observedAt)}</dd>
        </dl>
      ) : (
        <div className={styles.dim}>{t('tooltip.noReading')}</div>
      )}
    </div>
  );
}
