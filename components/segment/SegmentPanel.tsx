'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslations } from 'use-intl';
import { ProposeAction } from '../actions/ProposeAction';
import { forecastQuery, historyQuery, networkQuery } from '../data/queries';
import { DetailShell } from '../details/DetailShell';
import { ForecastFacts } from '../forecast/ForecastFacts';
import { useLocaleFormat } from '../control-room/use-locale-format';
import { directionWords } from '../map/direction-words';
import { useLayerSnapshot } from '../live/use-live';
import { buildSpeedChartData } from './chart-data';
import { SpeedChart } from './SpeedChart';
import styles from '../details/DetailPanel.module.css';

interface Props {
  segmentId: string;
  onClose: () => void;
}

/** Everything about one directed segment: what it is, its reading now, and its speed chart. */
export function SegmentPanel({ segmentId, onClose }: Props) {
  const segment = useQuery(networkQuery).data?.segments.find((s) => s.id === segmentId);
  const reading = useLayerSnapshot('traffic')?.items[segmentId];
  const history = useQuery(historyQuery(segmentId));
  const forecast = useQuery(forecastQuery(segmentId));
  const chart = useMemo(() => buildSpeedChartData(history.data, forecast.data), [history.data, forecast.data]);
  const t = useTranslations('details.segment');
  const tm = useTranslations('map');
  const { fixed, clock } = useLocaleFormat();
  const direction = segment ? directionWords(tm, segment.path) : null;
  const hasChart = chart.rows.length > 0;

  return (
    <DetailShell
      title={segment?.name ?? segmentId}
      subtitle={`${segment ? tm(`roadClass.${segment.roadClass}`) : t('fallbackKind')}${direction ? ` · ${direction}` : ''} · ${segmentId}`}
      label={t('label')}
      testId="segment-panel"
      kind="segment"
      subject={segmentId}
      onClose={onClose}
    >
      <dl className={styles.facts}>
        <dt>{t('lanes')}</dt>
        <dd>{segment?.lanes ?? '—'}</dd>
        <dt>{t('freeFlow')}</dt>
        <dd>{segment ? `${fixed(segment.freeFlowKmh)} km/h` : '—'}</dd>
        <dt>{t('speedNow')}</dt>
        <dd>{reading ? `${fixed(reading.speedKmh)} km/h` : t('noReading')}</dd>
        <dt>{t('flowNow')}</dt>
        <dd>{reading ? tm('tooltip.flowValue', { flow: fixed(reading.flowVph) }) : '—'}</dd>
        <dt>{t('occupancy')}</dt>
        <dd>{reading ? `${fixed(reading.occupancy * 100)} %` : '—'}</dd>
        <dt>{t('readingAt')}</dt>
        <dd>{reading ? clock(reading.observedAt) : '—'}</dd>
      </dl>

      <section className={styles.chart} aria-label={t('chartLabel')}>
        <h3 className={styles.chartTitle}>{t('chartTitle')}</h3>
        {hasChart ? <SpeedChart data={chart} /> : null}
        {history.isPending || forecast.isPending ? <p className={styles.note}>{t('loading')}</p> : null}
        {history.isError ? <p className={styles.error}>{t('historyUnavailable', { error: history.error.message })}</p> : null}
        {forecast.isError ? <p className={styles.error}>{t('forecastUnavailable', { error: forecast.error.message })}</p> : null}
        {!hasChart && history.isSuccess && forecast.isSuccess ? <p className={styles.note}>{t('empty')}</p> : null}
        {forecast.data ? <ForecastFacts forecast={forecast.data} unit="km/h" /> : null}
      </section>
      <ProposeAction feature={{ kind: 'segment', id: segmentId }} />
    </DetailShell>
  );
}
