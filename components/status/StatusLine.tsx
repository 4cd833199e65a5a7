'use client';

import { useQuery } from '@tanstack/react-query';
import { basemapQuery } from '../data/queries';
import { formatAgo, formatClock } from '../format/time';
import { useLiveStatus } from '../live/use-live';
import styles from './StatusLine.module.css';

/** The header's account of the data: live or stale (and why), when it last arrived, from where. */
export function StatusLine() {
  const city = useQuery(basemapQuery).data?.name;
  const { state, label, reason, now, freshness } = useLiveStatus('traffic');
  const f = freshness?.freshness;
  const receivedAt = f?.receivedAt ? Date.parse(f.receivedAt) : null;

  return (
    <div className={styles.status} data-testid="status-line" data-state={state} role="status" aria-live="polite">
      <span className={styles.city}>{city ?? 'Polis'}</span>
      <span className={styles.state} data-state={state}>
        <span className={styles.dot} aria-hidden="true" />
        {label}
        {reason ? <span className={styles.reason}>: {reason}</span> : null}
      </span>
      {receivedAt !== null && now > 0 ? (
        <span title={`received ${new Date(receivedAt).toLocaleString()}`}>updated {formatAgo(now - receivedAt)}</span>
      ) : null}
      {f?.asOf ? <span>observed {formatClock(f.asOf)}</span> : null}
      {f?.source ? <span>source {f.source}</span> : null}
    </div>
  );
}
