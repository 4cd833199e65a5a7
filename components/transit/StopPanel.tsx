'use client';

import { useQuery } from '@tanstack/react-query';
import { useNow } from '@/components/live/use-now';
import { useFormatter, useTranslations } from 'use-intl';
import type { StopArrivals, TransitRoute } from '@/lib/protocol/transit';
import { formatCountdown, formatDelay } from './countdown';
import { fetchJson } from './fetch-json';
import { HOUR_MINUTE } from './time-format';
import styles from './transit.module.css';

/**
 * A stop's next arrivals, counting down each second. Times come from the model services in their
 * clock (the feed's, which may run ahead of this phone's): the countdown keeps the offset between
 * that clock and the moment the answer arrived, so it is right whatever the phone's clock says.
 */
export function StopPanel({ stopId, routes, onClose }: { stopId: string; routes: ReadonlyMap<string, TransitRoute>; onClose: () => void }) {
  const t = useTranslations('transit');
  const format = useFormatter();
  const now = useNow();
  const { data, error, dataUpdatedAt } = useQuery({
    queryKey: ['transit', 'arrivals', stopId],
    queryFn: () => fetchJson<StopArrivals>(`/api/transit/stops/${encodeURIComponent(stopId)}/arrivals?minutes=120&limit=8`),
    refetchInterval: 15_000,
  });
  const clock = data ? Date.parse(data.asOf) + Math.max(0, (now || dataUpdatedAt) - dataUpdatedAt) : 0;
  return (
    <section aria-labelledby="stop-title" className={styles.panel} data-testid="stop-panel">
      <header className={styles.panelHead}>
        <h2 id="stop-title">{data?.stopName ?? t('stop.title')}</h2>
        <button type="button" onClick={onClose} className={styles.close} aria-label={t('stop.close')}>
          ×
        </button>
      </header>
      {error && !data && <p role="alert">{t('stop.unavailable')}</p>}
      {data && data.arrivals.length === 0 && <p>{t('stop.none')}</p>}
      {data && data.arrivals.length > 0 && (
        <ol className={styles.arrivals} aria-label={t('stop.arrivals')}>
          {data.arrivals.map((a) => {
            const route = routes.get(a.routeId);
            return (
              <li key={`${a.tripId}@${a.scheduledAt}`} data-testid="arrival">
                <span className={styles.badge} style={{ background: `#${route?.color ?? '58a6ff'}`, color: `#${route?.textColor ?? 'ffffff'}` }}>
                  {route?.shortName || a.routeId}
                </span>
                <span className={styles.headsign}>{a.headsign}</span>
                <span className={styles.when}>
                  <strong data-testid="countdown">{formatCountdown(t, Date.parse(a.predictedAt) - clock)}</strong>
                  <small>
                    {format.dateTime(new Date(a.predictedAt), HOUR_MINUTE)} · {formatDelay(t, a.delayS)}
                  </small>
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
