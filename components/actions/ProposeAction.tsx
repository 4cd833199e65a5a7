'use client';

import { useId } from 'react';
import { useTranslations } from 'use-intl';
import type { ProposeRequest } from '@/lib/protocol/actions';
import { may } from '@/lib/protocol/auth';
import { useRoomFocus } from '../search/focus-context';
import { intents, useOptionalActionsRoom } from './actions-context';
import styles from './ActionsPanel.module.css';

/** What a detail panel can propose for the thing it shows. */
export type ProposeFor = { kind: 'segment' | 'feeder' | 'station'; id: string };

/** The request for a thing: a corridor from a segment (the optimiser extends it along the street). */
export function requestFor(f: ProposeFor, idempotencyKey: string): ProposeRequest {
  switch (f.kind) {
    case 'segment':
      return { kind: 'signal-retiming', idempotencyKey, corridor: [f.id] };
    case 'feeder':
      return { kind: 'demand-response', idempotencyKey, feederId: f.id };
    case 'station':
      return { kind: 'traffic-restriction', idempotencyKey, stationId: f.id };
  }
}

const kindFor = { segment: 'signal-retiming', feeder: 'demand-response', station: 'traffic-restriction' } as const;

/**
 * "Propose …" in a detail panel: asks the optimiser for a plan (the twin runs forward with and
 * without it, which takes a few seconds), then closes the details and shows the proposal in the
 * actions panel, previewed on the map.
 * Shown to roles that may propose, in the control room only.
 */
export function ProposeAction({ feature }: { feature: ProposeFor }) {
  const t = useTranslations('actions');
  const room = useOptionalActionsRoom();
  const { select: selectFeature } = useRoomFocus();
  const whyId = useId();
  if (!room || !room.role || !may(room.role, 'actions:propose')) return null;
  const kind = kindFor[feature.kind];
  const intent = intents.propose({ kind, target: feature.id });
  const busy = room.pending.has(intent);
  const error = room.errors[intent];
  const propose = async () => {
    const action = await room.run(intent, (c, idempotencyKey) => c.propose(requestFor(feature, idempotencyKey)));
    if (action) {
      // Show the proposal: the details make way for the actions panel, which previews it.
      room.select(action);
      room.setTab('actions');
      selectFeature(null);
      document.getElementById('side-tab-actions')?.focus();
    }
  };
  return (
    <section className={styles.propose} aria-label={t('propose.region')}>
      <button type="button" className={styles.primary} onClick={() => void propose()} disabled={busy} aria-describedby={whyId} data-testid="propose-action">
        {busy ? t('propose.asking') : t(`propose.${kind}`)}
      </button>
      <p id={whyId} className={styles.hint}>
        {t(`propose.explain.${kind}`)}
      </p>
      {error ? (
        <p className={styles.error} role="alert" data-testid="propose-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
