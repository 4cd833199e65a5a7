'use client';

import { useQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'use-intl';
import { useNow } from '@/components/live/use-now';
import type { RouteTimetable as Timetable } from '@/lib/protocol/transit';
import { fetchJson } from './fetch-json';
import { HOUR_MINUTE } from './time-format';
import styles from './transit.module.css';

/**
 * Today's timetable of a route, per direction and stop; each stop shows its next departure and
 * opens to the whole day, past ones dimmed and the next one marked. "Now" is the model services'
 * clock (the feed's) moved on by the time since the answer, as in the stop panel. Loaded lazily by
 * the route panel, so it is not part of the page's first JavaScript.
 */
export function RouteTimetable({ routeId }: { routeId: string }) {
  const t = useTranslations('transit');
  const format = useFormatter();
  const hm = (iso: string) => format.dateTime(new Date(iso), HOUR_MINUTE);
  const now = useNow();
  const { data, error, dataUpdatedAt } = useQuery({
    queryKey: ['transit', 'timetable', routeId],
    queryFn: () => fetchJson<Timetable>(`/api/transit/routes/${encodeURIComponent(routeId)}/timetable`),
    staleTime: 10 * 60_000,
  });
  if (error && !data) return <p role="alert">{t('timetable.error')}</p>;
  if (!data) return <p className={styles.loading}>{t('timetable.loading')}</p>;
  const clock = Date.parse(data.asOf) + Math.max(0, (now || dataUpdatedAt) - dataUpdatedAt);
  if (data.directions.length === 0) return <p data-testid="route-timetable">{t('timetable.none')}</p>;
  return (
    <div data-testid="route-timetable" className={styles.timetable}>
      <h3>{t('timetable.title')}</h3>
      {data.directions.map((d) => (
        <section key={`${d.directionId ?? 'x'}-${d.headsign}`} aria-label={t('timetable.towards', { headsign: d.headsign })}>
          <h4>{t('timetable.towards', { headsign: d.headsign })}</h4>
          <ul className={styles.list}>
            {d.stops.map((s) => {
              const next = s.departures.findIndex((at) => Date.parse(at) >= clock);
              return (
                <li key={s.stopId} data-testid="timetable-stop">
                  <details className={styles.ttStop}>
                    <summary>
                      {s.stopName}
                      <span className={styles.ttNext}>{next >= 0 ? t('timetable.next', { time: hm(s.departures[next]) }) : t('timetable.noMore')}</span>
                    </summary>
                    <ol className={styles.ttTimes} aria-label={t('timetable.departures', { stop: s.stopName })}>
                      {s.departures.map((at, i) => (
                        <li key={at} className={i === next ? styles.ttNextTime : i < next || next < 0 ? styles.ttPast : undefined} aria-current={i === next ? 'time' : undefined}>
                          <time dateTime={at}>{hm(at)}</time>
                        </li>
                      ))}
                    </ol>
                  </details>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
