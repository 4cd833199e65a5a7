'use client';

import { useLiveStatus } from '../live/use-live';
import styles from './StaleBanner.module.css';

/** Over the map while its data is stale, so a glance never mistakes old colours for live ones. */
export function StaleBanner() {
  const { state, reason } = useLiveStatus('traffic');
  if (state !== 'stale') return null;
  return (
    <div className={styles.banner} data-testid="stale-banner" role="alert">
      <strong>Stale</strong> — traffic colours are not live{reason ? `: ${reason}` : ''}.
    </div>
  );
}
