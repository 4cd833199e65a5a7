'use client';

import { useTranslations } from 'use-intl';
import { windArrowRotation } from '@/lib/map/weather-readout';
import type { WeatherReading } from '@/lib/protocol/weather';
import { useLocaleFormat } from '../control-room/use-locale-format';
import { useLayerSnapshot } from '../live/use-live';
import { compassWords, rainWords, sunshineWords } from './weather-words';
import styles from './LayerPanel.module.css';

/** The first station by name: a stable choice when the city has several. */
function mainStation(items: Readonly<Record<string, WeatherReading>> | undefined): WeatherReading | undefined {
  const all = Object.values(items ?? {});
  return all.sort((a, b) => a.name.localeCompare(b.name))[0];
}

/** Weather now: temperature, wind with an arrow showing where it blows, rain and sunshine. */
export function WeatherReadout() {
  const t = useTranslations('layers');
  const { fixed, clock } = useLocaleFormat();
  const items = useLayerSnapshot('weather')?.items;
  const w = mainStation(items);
  if (!w) return <p className={styles.note}>{t('weather.none')}</p>;
  const others = Object.keys(items ?? {}).length - 1;
  const wind = compassWords(t, w.windDirectionDeg);
  const speed = fixed(w.windSpeedMs, 1);
  return (
    <div className={styles.weather} data-testid="weather-readout">
      <div className={styles.weatherMain}>
        <span className={styles.temp}>{`${fixed(w.temperatureC, 1)} °C`}</span>
        <span className={styles.wind} aria-label={t('weather.windLabel', { speed, direction: wind.name })}>
          <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" style={{ transform: `rotate(${windArrowRotation(w.windDirectionDeg)}deg)` }} data-testid="wind-arrow">
            <path d="M10 1 L16 17 L10 13 L4 17 Z" fill="currentColor" />
          </svg>
          {speed} {t('weather.windFrom', { point: wind.point })}
        </span>
      </div>
      <dl className={styles.weatherFacts}>
        <dt>{t('weather.rain')}</dt>
        <dd>
          {rainWords(t, w.precipitationMmH)}
          {w.precipitationMmH > 0 ? ` · ${fixed(w.precipitationMmH, 1)} mm/h` : ''}
        </dd>
        <dt>{t('weather.sunshine')}</dt>
        <dd>
          {sunshineWords(t, w.solarRadiationWm2)} · {`${fixed(w.solarRadiationWm2)} W/m²`}
        </dd>
        <dt>{t('weather.humidity')}</dt>
        <dd>{`${fixed(w.relativeHumidity * 100)} %`}</dd>
        {w.cloudCover !== undefined ? (
          <>
            <dt>{t('weather.cloud')}</dt>
            <dd>{`${fixed(w.cloudCover * 100)} %`}</dd>
          </>
        ) : null}
      </dl>
      <p className={styles.note}>
        {w.name}
        {others > 0 ? ` ${t('weather.more', { count: others })}` : ''} · {clock(w.observedAt)}
      </p>
    </div>
  );
}
