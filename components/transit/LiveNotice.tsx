'use client';

import { useSyncExternalStore } from 'react';
import { useLiveStatus } from '@/components/live/use-live';
import { formatClock } from '@/components/format/time';
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
  const online = useSyncExternalStore(onlineSubscribe, () => navigator.onLine, () => true);
  const status = useLiveStatus('transit');
  const asOf = status.freshness?.freshness.asOf;
  if (!online || status.state === 'stale') {
    const why = !online ? 'You are offline' : `Live data interrupted (${status.reason ?? 'stale'})`;
    return (
      <div role="status" className={styles.stale} data-testid="stale-notice">
        <strong>{why}.</strong> Bus positions and times may be out of date{asOf ? `; last update ${formatClock(asOf)}` : ''}.
      </div>
    );
  }
  return (
    <div role="status" className={styles.live} data-testid="live-status" data-state={status.state}>
      {status.state === 'live' ? 'Live' : 'Connecting…'}
    </div>
  );
}
