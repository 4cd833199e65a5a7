'use client';

import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import { z } from 'zod';
import { may, sessionUserSchema } from '@/lib/protocol/auth';
import type { Alert } from '@/lib/protocol/alerts';
import { getJson } from '../data/get-json';
import { useLocaleFormat } from '../control-room/use-locale-format';
import { useText } from '../i18n/use-text';
import { useOpsSocket } from '../live/shared-socket';
import { problemText, type SocketProblem } from '../live/socket-problem';
import { useRoomFocus } from '../search/focus-context';
import { alertsKey, orderAlerts, type AlertBook } from './alert-cache';
import { connectAlerts, type AlertsConnection } from './alerts-socket';
import styles from './AlertsPanel.module.css';

const meQuery = {
  queryKey: ['me'],
  queryFn: ({ signal }: { signal: AbortSignal }) => getJson('/api/auth/me', z.object({ user: sessionUserSchema }), signal),
  staleTime: Infinity,
} as const;

function AlertItem({ alert, canAck, onAck, onFocus }: { alert: Alert; canAck: boolean; onAck: (id: string) => void; onFocus: (a: Alert) => void }) {
  const t = useTranslations('alerts');
  const say = useText();
  const { clock, dateTime } = useLocaleFormat();
  const detail = say(alert.detailText, alert.detail);
  return (
    <li className={styles.item} data-testid="alert" data-alert-key={alert.key} data-status={alert.status} data-severity={alert.severity}>
      <div className={styles.top}>
        <span className={styles.severity} data-severity={alert.severity}>
          {t(`severity.${alert.severity}`)}
        </span>
        <span className={styles.rule}>{t(`rule.${alert.rule}`)}</span>
        <time className={styles.time} dateTime={alert.raisedAt} title={t('raised', { time: dateTime(alert.raisedAt) })}>
          {clock(alert.raisedAt)}
        </time>
      </div>
      <button type="button" className={styles.title} onClick={() => onFocus(alert)} title={t('showOnMap')}>
        {say(alert.titleText, alert.title)}
      </button>
      {detail ? <div className={styles.detail}>{detail}</div> : null}
      <div className={styles.status} data-testid="alert-status">
        {alert.status === 'new' ? <span className={styles.new}>{t('new')}</span> : null}
        {alert.acknowledgedBy ? (
          <span>
            {alert.acknowledgedAt
              ? t('acknowledgedByAt', { who: alert.acknowledgedBy, time: clock(alert.acknowledgedAt) })
              : t('acknowledgedBy', { who: alert.acknowledgedBy })}
          </span>
        ) : null}
        {alert.status === 'resolved' ? (
          <span>
            {alert.acknowledgedBy ? ' · ' : ''}
            {alert.resolvedAt ? t('resolvedAt', { time: clock(alert.resolvedAt) }) : t('resolved')}
          </span>
        ) : null}
        {alert.status === 'new' && canAck ? (
          <button type="button" className={styles.ack} onClick={() => onAck(alert.id)} data-testid="alert-ack">
            {t('acknowledge')}
          </button>
        ) : null}
      </div>
    </li>
  );
}

/**
 * The alerts of the shift, live on every operator's screen: new first, then acknowledged (by
 * whom), then resolved in the last hour. Clicking one flies the map there and opens its details.
 */
export function AlertsPanel() {
  const t = useTranslations('alerts');
  const queryClient = useQueryClient();
  const { flyTo } = useRoomFocus();
  const conn = useRef<AlertsConnection | null>(null);
  const [problem, setProblem] = useState<SocketProblem | 'ackFailed' | null>(null);
  const [showResolved, setShowResolved] = useState(false);
  const book = useQuery<AlertBook>({ queryKey: alertsKey, queryFn: skipToken, staleTime: Infinity, gcTime: Infinity }).data;
  const me = useQuery(meQuery).data?.user;
  const canAck = me ? may(me.role, 'alerts:acknowledge') : false;
  const socket = useOpsSocket();

  useEffect(() => {
    if (!socket) return;
    const c = connectAlerts(queryClient, socket, setProblem);
    conn.current = c;
    return () => {
      c.close();
      conn.current = null;
    };
  }, [queryClient, socket]);

  const all = useMemo(() => orderAlerts(book), [book]);
  const open = all.filter((a) => a.status !== 'resolved');
  const resolved = all.filter((a) => a.status === 'resolved');
  const fresh = open.filter((a) => a.status === 'new').length;

  const acknowledge = (id: string) => {
    conn.current?.acknowledge(id).then(
      (res) => setProblem(res.ok ? null : { kind: 'refused', code: res.error.code, detail: res.error.message }),
      () => setProblem('ackFailed'),
    );
  };
  const focus = (a: Alert) => flyTo({ center: a.place.location, zoom: 16 }, { kind: a.place.kind, id: a.place.id });

  return (
    <section className={styles.panel} aria-labelledby="alerts-heading" data-testid="alerts-panel">
      <header className={styles.head}>
        <h2 id="alerts-heading" className={styles.heading}>
          {t('heading')}
        </h2>
        <span className={styles.counts} aria-live="polite" data-testid="alerts-count">
          {t('counts', { fresh, open: open.length })}
        </span>
      </header>
      {problem ? (
        <p className={styles.problem} role="alert">
          {problem === 'ackFailed' ? t('ackFailed') : problemText(t, problem)}
        </p>
      ) : null}
      {open.length === 0 ? <p className={styles.empty}>{t('none')}</p> : null}
      <ul className={styles.list}>
        {open.map((a) => (
          <AlertItem key={a.id} alert={a} canAck={canAck} onAck={acknowledge} onFocus={focus} />
        ))}
      </ul>
      {resolved.length > 0 ? (
        <button type="button" className={styles.more} aria-expanded={showResolved} onClick={() => setShowResolved((v) => !v)}>
          {t(showResolved ? 'hideResolved' : 'showResolved', { count: resolved.length })}
        </button>
      ) : null}
      {showResolved ? (
        <ul className={`${styles.list} ${styles.resolved}`}>
          {resolved.map((a) => (
            <AlertItem key={a.id} alert={a} canAck={false} onAck={acknowledge} onFocus={focus} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
