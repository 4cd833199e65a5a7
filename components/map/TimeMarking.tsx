'use client';

import { useTranslations } from 'use-intl';
import type { Translator } from '../control-room/locale-format';
import { useLocaleFormat } from '../control-room/use-locale-format';
import { useHorizonLabel } from '../timeline/use-horizon-label';
import type { TimeTravelTraffic } from '../timeline/use-time-travel';
import styles from './TimeMarking.module.css';

/** The banner that says the map shows the past or a forecast, not now. */
export function TimeMarking({ travel, assetsMissing }: { travel: TimeTravelTraffic; assetsMissing: { grid: string | null; air: string | null } }) {
  const t = useTranslations('map.marking');
  const { hourMinute } = useLocaleFormat();
  const horizonLabel = useHorizonLabel();
  const { mode, shownAt, missing } = travel;
  if (mode.kind === 'live') return null;
  const when = shownAt ? hourMinute(shownAt) : null;
  const horizon = mode.kind === 'forecast' ? horizonLabel(Math.min(mode.minutes, travel.horizonMinutes ?? mode.minutes)) : '';
  return (
    <div className={styles.marking} role="status" data-testid="time-marking" data-mode={mode.kind}>
      <span className={styles.tag}>{mode.kind === 'replay' ? t('replay') : t('forecast')}</span>
      <span className={styles.when}>
        {mode.kind === 'replay' ? t('replayAt', { time: when ?? hourMinute(mode.at) }) : when ? t('forecastAtP50', { horizon, time: when }) : t('forecastAt', { horizon })}
      </span>
      <span className={styles.note}>
        {missing ?? (mode.kind === 'forecast' && mode.minutes > (travel.horizonMinutes ?? mode.minutes) ? t('forecastReach') : '')}
        {assetsLine(t, assetsMissing)}
      </span>
    </div>
  );
}

/** Which of grid and air are shown at that time too, and why not where not; transit and incidents are always live. */
function assetsLine(t: Translator<'map.marking'>, { grid, air }: { grid: string | null; air: string | null }): string {
  const shifted = !grid && !air ? t('gridAndAir') : !grid ? t('gridOnly') : !air ? t('airOnly') : null;
  const live = [grid ? t('gridLive', { why: grid }) : null, air ? t('airLive', { why: air }) : null];
  return [shifted, ...live, t('busesLive')].filter(Boolean).join('; ');
}
