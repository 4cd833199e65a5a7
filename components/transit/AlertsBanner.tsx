'use client';

import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'use-intl';
import type { TransitAlerts, TransitRoute } from '@/lib/protocol/transit';
import { alertEffect } from './alert-effect';
import { alertInLanguage } from './alert-language';
import { fetchJson } from './fetch-json';
import styles from './transit.module.css';

/** Service alerts on top of the page, most severe first, each naming the routes it concerns. */
export function AlertsBanner({ routes }: { routes: ReadonlyMap<string, TransitRoute> }) {
  const t = useTranslations('transit');
  const locale = useLocale();
  const { data } = useQuery({ queryKey: ['transit', 'alerts'], queryFn: () => fetchJson<TransitAlerts>('/api/transit/alerts'), refetchInterval: 30_000 });
  const rank = { severe: 0, warning: 1, info: 2, unknown: 3 } as const;
  const alerts = [...(data?.alerts ?? [])].sort((a, b) => rank[a.severity] - rank[b.severity]);
  if (!alerts.length) return null;
  return (
    <section aria-label={t('alerts.label')} className={styles.alerts}>
      <ul>
        {alerts.map((a) => {
          const { header, description } = alertInLanguage(a, locale);
          return (
            <li key={a.id} className={styles[`alert-${a.severity}`]} data-testid="service-alert">
              <strong>{header || alertEffect(t, a.effect)}</strong>
              {a.routeIds.length > 0 && <span> — {a.routeIds.map((id) => routes.get(id)?.shortName ?? id).join(', ')}</span>}
              {description && <p>{description}</p>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
