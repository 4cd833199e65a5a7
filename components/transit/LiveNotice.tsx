'use client';

import { useSyncExternalStore } from 'react';
import { useLiveStatus } from '@/components/live/use-live';
import { useFormatter, useTranslations } from 'use-intl';
import { staleText } from '@/components/live/stale-text';
import { CLOCK } from './time-format';
import styles from './transit.module.css';

const onlineSubscribe = (cb: () => void) => {
  window.addEventListener('online', cb);
  window.addEventListener('offline', cb);
  return () => {
    window.removeEventListener('online', cb);
    window.removeEventListener('offline', cb);
  };
};

/** Live, or a clear notice that what is shown is old: offline, disconnected or stale, and since when. */
export function LiveNotice() {
  const t = useTranslations('transit');
  const tl = useTranslations('transit.live');
  const format = useFormatter();
  const online = useSyncExternalStore(onlineSubscribe, () => navigator.onLine, () => true);
  const status = useLiveStatus('transit');
  const asOf = status.freshness?.freshness.asOf;
  if (!online || status.state === 'stale') {
    const clock = (v: string | number) => format.dateTime(new Date(v), CLOCK);
    const why = !online ? t('live.offline') : status.why ? t('live.interrupted', { reason: staleText(tl, { clock }, status.why) }) : t('live.outOfDate');
    return (
      <div role="status" className={styles.stale} data-testid="stale-notice">
        <strong>{why}</strong> {asOf ? t('live.outOfDateSince', { time: format.dateTime(new Date(asOf), CLOCK) }) : t('live.outOfDate')}
      </div>
    );
  }
  return (
    <div role="status" className={styles.live} data-testid="live-status" data-state={status.state}>
      {status.state === 'live' ? t('live.live') : t('live.connecting')}
    </div>
  );
}
