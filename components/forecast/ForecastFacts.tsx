'use client';

import { useTranslations } from 'use-intl';
import type { SeriesForecast } from '@/lib/protocol/forecast';
import { useLocaleFormat } from '../control-room/use-locale-format';
import { describeAccuracy } from './forecast-chart-data';
import styles from '../details/DetailPanel.module.css';

type Facts = Pick<SeriesForecast, 'model' | 'madeAt' | 'stepMinutes'> & Partial<Pick<SeriesForecast, 'accuracy' | 'explanation'>>;

/** Which model made a forecast, when, how accurate it was on held-out data, and what drives it. */
export function ForecastFacts({ forecast, unit }: { forecast: Facts; unit: string }) {
  const t = useTranslations('forecast');
  const fmt = useLocaleFormat();
  const { model, explanation } = forecast;
  const signed = (v: number) => `${v >= 0 ? '+' : '−'}${fmt.fixed(Math.abs(v), Math.abs(v) >= 100 ? 0 : 1)} ${unit}`;
  return (
    <>
      <p className={styles.note}>
        {model.fallback ? t('facts.fallback') : ''}
        {t('facts.model', { model: model.id, version: model.version, time: fmt.clock(forecast.madeAt), step: forecast.stepMinutes })}
      </p>
      {forecast.accuracy ? <p className={styles.note}>{t('facts.accuracy', { accuracy: describeAccuracy(t, fmt, forecast.accuracy, unit) })}</p> : null}
      {explanation ? (
        <div>
          <p className={styles.note}>{t('facts.why', { horizon: explanation.horizonMinutes, seasonal: fmt.fixed(explanation.seasonal, 1), unit })}</p>
          <ul className={styles.note} aria-label={t('facts.drivers')}>
            {explanation.drivers.map((d) => (
              <li key={d.driver}>
                {t(`driver.${d.driver}`)}: {signed(d.contribution)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
