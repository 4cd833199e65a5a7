'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { roadClassLabel } from '@/lib/domain/road';
import { directionHint } from '@/lib/map/direction';
import { forecastQuery, historyQuery, networkQuery } from '../data/queries';
import { DetailShell } from '../details/DetailShell';
import { formatClock } from '../format/time';
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
  const direction = segment ? directionHint(segment.path) : null;
  const hasChart = chart.rows.length > 0;

  return (
    <DetailShell
      title={segment?.name ?? segmentId}
      subtitle={`${segment ? roadClassLabel[segment.roadClass] : 'Segment'}${direction ? ` · ${direction}` : ''} · ${segmentId}`}
      label="Segment details"
      testId="segment-panel"
      kind="segment"
      subject={segmentId}
      onClose={onClose}
    >
      <dl className={styles.facts}>
        <dt>Lanes</dt>
        <dd>{segment?.lanes ?? '—'}</dd>
        <dt>Free-flow speed</dt>
        <dd>{segment ? `${segment.freeFlowKmh.toFixed(0)} km/h` : '—'}</dd>
        <dt>Speed now</dt>
        <dd>{reading ? `${reading.speedKmh.toFixed(0)} km/h` : 'no reading'}</dd>
        <dt>Flow now</dt>
        <dd>{reading ? `${reading.flowVph.toFixed(0)} veh/h` : '—'}</dd>
        <dt>Occupancy</dt>
        <dd>{reading ? `${(reading.occupancy * 100).toFixed(0)} %` : '—'}</dd>
        <dt>Reading at</dt>
        <dd>{reading ? formatClock(reading.observedAt) : '—'}</dd>
      </dl>

      <section className={styles.chart} aria-label="Speed: last 2 hours and next hour forecast">
        <h3 className={styles.chartTitle}>Speed: last 2 h and forecast for the next hour</h3>
        {hasChart ? <SpeedChart data={chart} /> : null}
        {history.isPending || forecast.isPending ? <p className={styles.note}>Loading speed history and forecast…</p> : null}
        {history.isError ? <p className={styles.error}>History unavailable: {history.error.message}</p> : null}
        {forecast.isError ? <p className={styles.error}>Forecast unavailable: {forecast.error.message}</p> : null}
        {!hasChart && history.isSuccess && forecast.isSuccess ? <p className={styles.note}>No history or forecast for this segment yet.</p> : null}
        {forecast.data ? (
          <p className={styles.note}>
            Forecast by {forecast.data.model.id} v{forecast.data.model.version} from {formatClock(forecast.data.madeAt)}, every{' '}
            {forecast.data.stepMinutes} min.
          </p>
        ) : null}
      </section>
    </DetailShell>
  );
}
