'use client';

import { skipToken, useQuery } from '@tanstack/react-query';
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslations } from 'use-intl';
import { alertsKey, type AlertBook } from '../alerts/alert-cache';
import { groupActions } from './action-cache';
import { useActionsRoom, type SideTab } from './actions-context';
import { useActionBook } from './ActionsPanel';
import styles from './ActionsPanel.module.css';

const tabs: SideTab[] = ['alerts', 'actions'];

/**
 * The side panel's tabs: alerts and actions, each with what waits for someone. Both panels stay
 * mounted (the hidden one keeps listening), so switching is instant and nothing is missed.
 * Keyboard: arrow keys, Home and End move between tabs (WAI-ARIA tabs pattern).
 */
export function SideTabs({ alerts, actions }: { alerts: ReactNode; actions: ReactNode }) {
  const t = useTranslations('actions');
  const { tab, setTab } = useActionsRoom();
  const refs = useRef<Record<SideTab, HTMLButtonElement | null>>({ alerts: null, actions: null });
  const alertBook = useQuery<AlertBook>({ queryKey: alertsKey, queryFn: skipToken, staleTime: Infinity, gcTime: Infinity }).data;
  const newAlerts = Object.values(alertBook ?? {}).filter((a) => a.status === 'new').length;
  const toDecide = groupActions(useActionBook()).proposals.length;
  const badge: Record<SideTab, number> = { alerts: newAlerts, actions: toDecide };

  const onKey = (e: KeyboardEvent) => {
    const i = tabs.indexOf(tab);
    const next =
      e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i + tabs.length - 1) % tabs.length] : e.key === 'Home' ? tabs[0] : e.key === 'End' ? tabs[tabs.length - 1] : null;
    if (!next) return;
    e.preventDefault();
    setTab(next);
    refs.current[next]?.focus();
  };

  return (
    <div className={styles.side}>
      <div role="tablist" aria-label={t('tabs.label')} className={styles.tabs} onKeyDown={onKey}>
        {tabs.map((s) => (
          <button
            key={s}
            ref={(el) => {
              refs.current[s] = el;
            }}
            type="button"
            role="tab"
            id={`side-tab-${s}`}
            aria-selected={tab === s}
            aria-controls={`side-panel-${s}`}
            tabIndex={tab === s ? 0 : -1}
            className={styles.tab}
            onClick={() => setTab(s)}
            data-testid={`side-tab-${s}`}
          >
            {t(`tabs.${s}`)}
            {badge[s] > 0 ? (
              <span className={styles.badge} aria-label={t('tabs.waiting', { count: badge[s] })}>
                {badge[s]}
              </span>
            ) : null}
          </button>
        ))}
      </div>
      {tabs.map((s) => (
        <div key={s} role="tabpanel" id={`side-panel-${s}`} aria-labelledby={`side-tab-${s}`} hidden={tab !== s} className={styles.tabPanel}>
          {s === 'alerts' ? alerts : actions}
        </div>
      ))}
    </div>
  );
}
