'use client';

import { skipToken, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslations } from 'use-intl';
import type { Action } from '@/lib/protocol/actions';
import { problemText } from '../live/socket-problem';
import { useRoomFocus } from '../search/focus-context';
import { actionsKey, groupActions, type ActionBook } from './action-cache';
import { useActionsRoom } from './actions-context';
import { ActionCard } from './ActionCard';
import { focusOf, previewOf } from './preview';
import { usePreviewSources } from './use-action-preview';
import styles from './ActionsPanel.module.css';

/** The actions in the react-query cache (the socket fills it; never fetched). */
export const useActionBook = () => useQuery<ActionBook>({ queryKey: actionsKey, queryFn: skipToken, staleTime: Infinity, gcTime: Infinity }).data;

/**
 * Optimisation actions, live on every operator's screen: proposals waiting for a decision, the
 * actions in force with their observed effect against the prediction, and the history.
 * Selecting one previews it on the map and flies there.
 */
export function ActionsPanel() {
  const t = useTranslations('actions');
  const room = useActionsRoom();
  const { flyTo } = useRoomFocus();
  const sources = usePreviewSources();
  const book = useActionBook();
  const { proposals, running, history } = useMemo(() => groupActions(book), [book]);
  const [showHistory, setShowHistory] = useState(false);
  const { selected, select } = room;

  const preview = useCallback(
    (a: Action) => {
      if (selected?.id === a.id) return select(null);
      select(a);
      flyTo(focusOf(previewOf(a.id, a.target, sources)));
    },
    [selected, select, flyTo, sources],
  );

  return (
    <section className={styles.panel} aria-labelledby="actions-heading" data-testid="actions-panel">
      <header className={styles.head}>
        <h2 id="actions-heading" className={styles.heading}>
          {t('heading')}
        </h2>
        <span className={styles.counts} aria-live="polite" data-testid="actions-count">
          {t('counts', { proposals: proposals.length, running: running.length })}
        </span>
        {room.role === 'manager' || room.role === 'admin' ? (
          <a className={styles.audit} href="/audit">
            {t('auditLink')}
          </a>
        ) : null}
      </header>
      {room.problem ? (
        <p className={styles.problem} role="alert">
          {problemText(t, room.problem)}
        </p>
      ) : null}
      <div className={styles.scroll}>
        <h3 className={styles.group}>{t('proposals')}</h3>
        {proposals.length === 0 ? <p className={styles.empty}>{t('noProposals')}</p> : null}
        <ul className={styles.list} aria-label={t('proposals')} data-testid="actions-proposals">
          {proposals.map((a) => (
            <ActionCard key={a.id} action={a} onPreview={preview} />
          ))}
        </ul>
        <h3 className={styles.group}>{t('inForce')}</h3>
        {running.length === 0 ? <p className={styles.empty}>{t('noneInForce')}</p> : null}
        <ul className={styles.list} aria-label={t('inForce')} data-testid="actions-running">
          {running.map((a) => (
            <ActionCard key={a.id} action={a} onPreview={preview} />
          ))}
        </ul>
        {history.length > 0 ? (
          <button type="button" className={styles.more} aria-expanded={showHistory} aria-controls="actions-history" onClick={() => setShowHistory((v) => !v)} data-testid="actions-history-toggle">
            {t(showHistory ? 'hideHistory' : 'showHistory', { count: history.length })}
          </button>
        ) : null}
        {showHistory ? (
          <ul id="actions-history" className={`${styles.list} ${styles.history}`} aria-label={t('history')} data-testid="actions-history">
            {history.map((a) => (
              <ActionCard key={a.id} action={a} compact onPreview={preview} />
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
