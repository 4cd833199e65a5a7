'use client';

import type { TransitRoute, TransitStop, Vehicle } from '@/lib/protocol/transit';
import { formatDelay } from './countdown';
import styles from './transit.module.css';

/** A route's buses now: where each is heading and how late it runs; tap its next stop for arrivals. */
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
        <button type="button" onClick={onClose} className={styles.close} aria-label="Close route">
          ×
        </button>
      </header>
      <p>{buses.length === 0 ? 'No buses in service on this route now.' : `${buses.length} bus${buses.length === 1 ? '' : 'es'} in service.`}</p>
      <ul className={styles.list}>
        {buses.map(([id, v]) => {
          const next = v.nextStopId ? stops.get(v.nextStopId) : undefined;
          return (
            <li key={id}>
              <span>
                Bus {id} · {formatDelay(v.delayS)}
              </span>
              {next && (
                <button type="button" className={styles.link} onClick={() => onStop(next.id)}>
                  {v.status === 'STOPPED_AT' ? 'at' : 'next'}: {next.name}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
