'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'use-intl';
import { useLocaleFormat } from '../control-room/use-locale-format';
import { basemapQuery } from '../data/queries';
import { staleText } from '../live/stale-text';
import { useLiveStatus } from '../live/use-live';
import styles from './StatusLine.module.css';

/** The header's account of the data: live or stale (and why), when it last arrived, from where. */
export function StatusLine() {
  const t = useTranslations('header.status');
  const tm = useTranslations('map');
  const th = useTranslations('header');
  const fmt = useLocaleFormat();
  const city = useQuery(basemapQuery).data?.name;
  const { state, label, why, now, freshness } = useLiveStatus('traffic');
  const f = freshness?.freshness;
  const receivedAt = f?.receivedAt ? Date.parse(f.receivedAt) : null;

  /** How long ago: whole seconds under a minute, then minutes, then hours. */
  const ago = (ms: number) => {
    const s = Math.max(0, Math.floor(ms / 1000));
    if (s < 60) return t('agoSeconds', { n: s });
    const m = Math.floor(s / 60);
    return m < 60 ? t('agoMinutes', { n: m }) : t('agoHours', { n: Math.floor(m / 60) });
  };

  // What narrow screens hide from the line (StatusLine.module.css), as its tooltip.
  const details = [f?.asOf ? t('observed', { time: fmt.clock(f.asOf) }) : '', f?.source ? t('source', { source: f.source }) : ''].filter(Boolean).join(' · ');

  return (
    <div className={styles.status} data-testid="status-line" data-state={state} role="status" aria-live="polite" title={details || undefined}>
      <span className={styles.city}>{city ?? th('brand')}</span>
      <span className={styles.state} data-state={state}>
        <span className={styles.dot} aria-hidden="true" />
        {tm(`live.${label}`)}
        {why ? <span className={styles.reason}>: {staleText(tm, fmt, why)}</span> : null}
      </span>
      {receivedAt !== null && now > 0 ? <span title={t('receivedTitle', { time: fmt.dateTime(receivedAt) })}>{t('updated', { ago: ago(now - receivedAt) })}</span> : null}
      {f?.asOf ? <span className={styles.detail}>{t('observed', { time: fmt.clock(f.asOf) })}</span> : null}
      {f?.source ? <span className={styles.detail}>{t('source', { source: f.source })}</span> : null}
    </div>
  );
}
