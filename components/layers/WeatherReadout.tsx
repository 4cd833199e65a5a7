'use client';

import { compassName, compassPoint, rainLabel, sunshineLabel, windArrowRotation } from '@/lib/map/weather-readout';
import type { WeatherReading } from '@/lib/protocol/weather';
import { formatClock } from '../format/time';
import { useLayerSnapshot } from '../live/use-live';
import styles from './LayerPanel.module.css';

/** The first station by name: a stable choice when the city has several. */
function mainStation(items: Readonly<Record<string, WeatherReading>> | undefined): WeatherReading | undefined {
  const all = Object.values(items ?? {});
  return all.sort((a, b) => a.name.localeCompare(b.name))[0];
}

/** Weather now: temperature, wind with an arrow showing where it blows, rain and sunshine. */
export function WeatherReadout() {
  const items = useLayerSnapshot('weather')?.items;
  const w = mainStation(items);
  if (!w) return <p className={styles.note}>No weather data yet.</p>;
  const others = Object.keys(items ?? {}).length - 1;
  return (
    <div className={styles.weather} data-testid="weather-readout">
      <div className={styles.weatherMain}>
        <span className={styles.temp}>{w.temperatureC.toFixed(1)} °C</span>
        <span className={styles.wind} aria-label={`Wind ${w.windSpeedMs.toFixed(1)} metres per second from the ${compassName(w.windDirectionDeg)}`}>
          <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" style={{ transform: `rotate(${windArrowRotation(w.windDirectionDeg)}deg)` }} data-testid="wind-arrow">
            <path d="M10 1 L16 17 L10 13 L4 17 Z" fill="currentColor" />
          </svg>
          {w.windSpeedMs.toFixed(1)} m/s from {compassPoint(w.windDirectionDeg)}
        </span>
      </div>
      <dl className={styles.weatherFacts}>
        <dt>Rain</dt>
        <dd>
          {rainLabel(w.precipitationMmH)}
          {w.precipitationMmH > 0 ? ` · ${w.precipitationMmH.toFixed(1)} mm/h` : ''}
        </dd>
        <dt>Sunshine</dt>
        <dd>
          {sunshineLabel(w.solarRadiationWm2)} · {Math.round(w.solarRadiationWm2)} W/m²
        </dd>
        <dt>Humidity</dt>
        <dd>{Math.round(w.relativeHumidity * 100)} %</dd>
        {w.cloudCover !== undefined ? (
          <>
            <dt>Cloud</dt>
            <dd>{Math.round(w.cloudCover * 100)} %</dd>
          </>
        ) : null}
      </dl>
      <p className={styles.note}>
        {w.name}
        {others > 0 ? ` (+${others} more)` : ''} · {formatClock(w.observedAt)}
      </p>
    </div>
  );
}
