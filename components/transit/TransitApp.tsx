'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslations } from 'use-intl';
import { LocaleSwitch } from '@/components/i18n/LocaleSwitch';
import { PublicLiveConnection } from '@/components/live/PublicLiveConnection';
import { useLayerSnapshot } from '@/components/live/use-live';
import type { TransitNetwork, Vehicle } from '@/lib/protocol/transit';
import { AlertsBanner } from './AlertsBanner';
import { fetchJson } from './fetch-json';
import { LiveNotice } from './LiveNotice';
import { RouteMap } from './RouteMap';
import { RoutePanel } from './RoutePanel';
import { searchTransit } from './search';
import { StopPanel } from './StopPanel';
import styles from './transit.module.css';

const LIVE_LAYERS = ['transit'] as const;
const NO_VEHICLES: Record<string, Vehicle> = {};

/** The public transit view: alerts, live route map, search, and a stop's or a route's details. */
export function TransitApp() {
  const t = useTranslations('transit');
  const { data: network, error } = useQuery({ queryKey: ['transit', 'network'], queryFn: () => fetchJson<TransitNetwork>('/api/transit/network'), staleTime: 3600_000, retry: 10, retryDelay: 3000 });
  const vehicles = useLayerSnapshot('transit')?.items ?? NO_VEHICLES;
  const [stopId, setStopId] = useState<string | null>(null);
  const [routeId, setRouteId] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const routes = useMemo(() => new Map((network?.routes ?? []).map((r) => [r.id, r])), [network]);
  const stops = useMemo(() => new Map((network?.stops ?? []).map((s) => [s.id, s])), [network]);
  const found = useMemo(() => searchTransit(query, network?.stops ?? [], network?.routes ?? []), [query, network]);
  const route = routeId ? routes.get(routeId) : undefined;
  const openStop = (id: string) => {
    setStopId(id);
    setQuery('');
  };
  const openRoute = (id: string) => {
    setRouteId(id);
    setStopId(null);
    setQuery('');
  };

  return (
    <div className={styles.page}>
      <PublicLiveConnection layers={LIVE_LAYERS} />
      <header className={styles.top}>
        <h1>{network?.agency || t('cityBuses')}</h1>
        <LiveNotice />
        <LocaleSwitch />
      </header>
      <main className={styles.main}>
        <AlertsBanner routes={routes} />
        <form role="search" className={styles.search} onSubmit={(e) => e.preventDefault()}>
          <label htmlFor="transit-search">{t('search.label')}</label>
          <input id="transit-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('search.placeholder')} autoComplete="off" />
        </form>
        {query && (
          <section aria-label={t('search.results')} className={styles.panel} data-testid="search-results">
            {found.routes.length + found.stops.length === 0 && <p>{t('search.nothing', { query })}</p>}
            <ul className={styles.list}>
              {found.routes.map((r) => (
                <li key={`r-${r.id}`}>
                  <button type="button" className={styles.link} onClick={() => openRoute(r.id)}>
                    {t('search.route', { route: r.shortName || r.id, name: r.longName })}
                  </button>
                </li>
              ))}
              {found.stops.map((s) => (
                <li key={`s-${s.id}`}>
                  <button type="button" className={styles.link} onClick={() => openStop(s.id)}>
                    {t('search.stop', { name: s.name })}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
        {stopId && <StopPanel stopId={stopId} routes={routes} onClose={() => setStopId(null)} />}
        {error && !network && <p role="alert">{t('network.error')}</p>}
        {!network && !error && <p className={styles.loading}>{t('network.loading')}</p>}
        {network && <RouteMap network={network} vehicles={vehicles} selectedStopId={stopId} selectedRouteId={routeId} onStop={openStop} />}
        {route && <RoutePanel route={route} vehicles={vehicles} stops={stops} onStop={openStop} onClose={() => setRouteId(null)} />}
        {network && (
          <nav aria-label={t('network.routes')} className={styles.routes}>
            <h2>{t('network.routes')}</h2>
            <ul>
              {network.routes.map((r) => (
                <li key={r.id}>
                  <button
                    type="button"
                    aria-pressed={r.id === routeId}
                    className={styles.routeChip}
                    style={{ background: `#${r.color}`, color: `#${r.textColor}` }}
                    onClick={() => (r.id === routeId ? setRouteId(null) : openRoute(r.id))}
                    title={r.longName}
                  >
                    {r.shortName || r.id}
                    <span className={styles.srOnly}> {r.longName}</span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <footer className={styles.footer}>
          {t('footer.openData')} <a href="/transit/gtfs.zip">{t('footer.gtfs')}</a> · {t('footer.gtfsRt')} <a href="/transit/gtfs-rt/vehicle-positions.pb">{t('footer.vehiclePositions')}</a>,{' '}
          <a href="/transit/gtfs-rt/trip-updates.pb">{t('footer.tripUpdates')}</a>, <a href="/transit/gtfs-rt/alerts.pb">{t('footer.alerts')}</a>
        </footer>
      </main>
    </div>
  );
}
