'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslations } from 'use-intl';
import { useLayerSnapshot } from '../live/use-live';
import { buildForecastChartData } from './forecast-chart-data';
import { ForecastChart } from './ForecastChart';
import { ForecastFacts } from './ForecastFacts';
import { airForecastQuery, gridForecastQuery } from './queries';
import styles from '../details/DetailPanel.module.css';

function Status({ pending, error, what }: { pending: boolean; error: Error | null; what: 'grid' | 'air' }) {
  const t = useTranslations('forecast');
  if (pending) return <p className={styles.note}>{t(`${what}.loading`)}</p>;
  if (error) return <p className={styles.note}>{t(`${what}.failed`, { error: error.message })}</p>;
  return null;
}

/** A feeder's or substation's load for the next 24 h, against its capacity. */
export function GridForecast({ assetId }: { assetId: string }) {
  const t = useTranslations('forecast');
  const q = useQuery(gridForecastQuery(assetId));
  const item = useLayerSnapshot('grid')?.items[assetId];
  const capacity = item && 'capacityKw' in item ? item.capacityKw : undefined;
  const data = useMemo(() => (q.data ? buildForecastChartData(q.data.load.points, capacity) : null), [q.data, capacity]);
  return (
    <section className={styles.chart} aria-label={t('grid.label')} data-testid="grid-forecast">
      <h3 className={styles.chartTitle}>{t('grid.title')}</h3>
      {data && q.data ? (
        <>
          <ForecastChart data={data} label={t('grid.axis')} unit="kW" reference={capacity !== undefined ? { value: capacity, label: t('grid.capacity') } : undefined} />
          <ForecastFacts forecast={q.data.load} unit={q.data.load.unit} />
        </>
      ) : (
        <Status pending={q.isPending} error={q.error} what="grid" />
      )}
    </section>
  );
}

/** An air-quality station's AQI for the next 24 h, with the PM2.5 model's accuracy and drivers. */
export function AirForecast({ stationId }: { stationId: string }) {
  const t = useTranslations('forecast');
  const q = useQuery(airForecastQuery(stationId));
  const data = useMemo(() => (q.data ? buildForecastChartData(q.data.aqi, 100) : null), [q.data]);
  return (
    <section className={styles.chart} aria-label={t('air.label')} data-testid="air-forecast">
      <h3 className={styles.chartTitle}>{t('air.title', { standard: t(`standard.${q.data ? q.data.aqiStandard : 'unknown'}`) })}</h3>
      {data && q.data ? (
        <>
          <ForecastChart data={data} label={t('air.axis')} unit="" reference={{ value: 100, label: t('air.limit') }} />
          <ForecastFacts forecast={q.data.pm25} unit={q.data.pm25.unit} />
        </>
      ) : (
        <Status pending={q.isPending} error={q.error} what="air" />
      )}
    </section>
  );
}
