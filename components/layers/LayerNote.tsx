'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'use-intl';
import type { LayerName } from '@/lib/protocol/layers';
import { useLocaleFormat } from '../control-room/use-locale-format';
import { gridNetworkQuery, transitNetworkQuery } from '../data/queries';
import { staleText } from '../live/stale-text';
import { useLayerSnapshot, useLiveStatus } from '../live/use-live';
import { layerSummary } from './layer-summary';
import styles from './LayerPanel.module.css';

function NetworkNotice({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p className={styles.notice} role="status">
      {text}
    </p>
  );
}

function GridNetworkNotice() {
  const t = useTranslations('layers.note');
  const q = useQuery(gridNetworkQuery);
  const error = q.failureReason?.message;
  return <NetworkNotice text={!q.data && error ? t('gridNetworkMissing', { error }) : null} />;
}

function TransitNetworkNotice() {
  const t = useTranslations('layers.note');
  const q = useQuery(transitNetworkQuery);
  const error = q.failureReason?.message;
  return <NetworkNotice text={!q.data && error ? t('transitNetworkMissing', { error }) : null} />;
}

/**
 * What a layer holds now, in one line, and what is missing: no data yet, a static network not
 * served (yet), or stale data. The map keeps working whatever this says.
 */
export function LayerNote({ layer }: { layer: LayerName }) {
  const t = useTranslations('layers');
  const tm = useTranslations('map');
  const fmt = useLocaleFormat();
  const snapshot = useLayerSnapshot(layer);
  const { state, why } = useLiveStatus(layer);
  const summary = snapshot ? layerSummary(t, layer, snapshot.items) : null;
  return (
    <div className={styles.notes} data-testid={`layer-note-${layer}`}>
      {layer === 'grid' ? <GridNetworkNotice /> : null}
      {layer === 'transit' ? <TransitNetworkNotice /> : null}
      {summary ? <p className={styles.note}>{summary}</p> : <p className={styles.note}>{snapshot ? t('note.noModelData') : t('note.waiting')}</p>}
      {state === 'stale' ? (
        <p className={styles.stale}>{why ? t('note.staleReason', { reason: staleText(tm, fmt, why) }) : t('note.stale')}</p>
      ) : null}
    </div>
  );
}
