'use client';

import { useTranslations } from 'use-intl';
import { useLocaleFormat } from '../control-room/use-locale-format';
import { staleText } from '../live/stale-text';
import { useLiveStatus } from '../live/use-live';
import styles from './StaleBanner.module.css';

/** Over the map while its data is stale, so a glance never mistakes old colours for live ones. */
export function StaleBanner() {
  const t = useTranslations('map');
  const fmt = useLocaleFormat();
  const { state, why } = useLiveStatus('traffic');
  if (state !== 'stale') return null;
  return (
    <div className={styles.banner} data-testid="stale-banner" role="alert">
      <strong>{t('stale.banner')}</strong> {why ? t('stale.bannerReason', { reason: staleText(t, fmt, why) }) : t('stale.bannerText')}
    </div>
  );
}
