'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'use-intl';
import { transitNetworkQuery } from '../data/queries';
import styles from './LayerPanel.module.css';

/** The routes of the transit feed, each in its GTFS colour, as the map draws its line and buses. */
export function RouteList() {
  const t = useTranslations('layers');
  const network = useQuery(transitNetworkQuery);
  if (!network.data) return null;
  const routes = [...network.data.routes].sort((a, b) => a.shortName.localeCompare(b.shortName, undefined, { numeric: true }));
  return (
    <ul className={styles.routes} aria-label={t('routes')} data-testid="route-list">
      {routes.map((r) => (
        <li key={r.id} title={r.longName}>
          <span className={styles.routeChip} style={{ background: `#${r.color}`, color: `#${r.textColor}` }}>
            {r.shortName || r.id}
          </span>
        </li>
      ))}
    </ul>
  );
}
