'use client';

import dynamic from 'next/dynamic';
import { useTranslations } from 'use-intl';
import type { TransitRoute, TransitStop, Vehicle } from '@/lib/protocol/transit';
import { formatDelay } from './countdown';
import styles from './transit.module.css';

// Its own chunk, fetched when a route is opened: the first view stays small (issue 6).
const RouteTimetable = dynamic(() => import('./RouteTimetable').then((m) => m.RouteTimetable), {
  ssr: false,
  loading: () => <TimetableLoading />,
});

function TimetableLoading() {
  const t = useTranslations('transit');
  return <p className={styles.loading}>{t('timetable.loading')}</p>;
}

/** A route's buses now: where each is heading and how late it runs; tap its next stop for arrivals; below, today's timetable. */
export function RoutePanel({
  route,
  vehicles,
  stops,
  onStop,
  onClose,
}: {
  route: TransitRoute;
  vehicles: Record<string, Vehicle>;
  stops: ReadonlyMap<string, TransitStop>;
  onStop: (id: string) => void;
  onClose: () => void;
}) {
  const t = useTranslations('transit');
  const buses = Object.entries(vehicles).filter(([, v]) => v.routeId === route.id);
  return (
    <section aria-labelledby="route-title" className={styles.panel} data-testid="route-panel">
      <header className={styles.panelHead}>
        <h2 id="route-title">
          <span className={styles.badge} style={{ background: `#${route.color}`, color: `#${route.textColor}` }}>
            {route.shortName || route.id}
          </span>{' '}
          {route.longName}
        </h2>
        <button type="button" onClick={onClose} className={styles.close} aria-label={t('route.close')}>
          ×
        </button>
      </header>
      <p>{buses.length === 0 ? t('route.noBuses') : t('route.buses', { count: buses.length })}</p>
      <ul className={styles.list}>
        {buses.map(([id, v]) => {
          const next = v.nextStopId ? stops.get(v.nextStopId) : undefined;
          return (
            <li key={id}>
              <span>
                {t('route.bus', { id })} · {formatDelay(t, v.delayS)}
              </span>
              {next && (
                <button type="button" className={styles.link} onClick={() => onStop(next.id)}>
                  {t(v.status === 'STOPPED_AT' ? 'route.at' : 'route.next', { stop: next.name })}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <RouteTimetable routeId={route.id} />
    </section>
  );
}
