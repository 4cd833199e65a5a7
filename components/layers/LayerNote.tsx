'use client';

import { useQuery } from '@tanstack/react-query';
import type { LayerName } from '@/lib/protocol/layers';
import { gridNetworkQuery, transitNetworkQuery } from '../data/queries';
import { useLayerSnapshot, useLiveStatus } from '../live/use-live';
import { layerSummary } from './layer-summary';
import styles from './LayerPanel.module.css';

function NetworkNotice({ what, missing, error }: { what: string; missing: boolean; error: string | undefined }) {
  if (!missing || !error) return null;
  return (
    <p className={styles.notice} role="status">
      {what} not available yet ({error}); it appears on the map when it is. Retrying.
    </p>
  );
}

function GridNetworkNotice() {
  const q = useQuery(gridNetworkQuery);
  return <NetworkNotice what="Grid network" missing={!q.data} error={q.failureReason?.message} />;
}

function TransitNetworkNotice() {
  const q = useQuery(transitNetworkQuery);
  return <NetworkNotice what="Transit network" missing={!q.data} error={q.failureReason?.message} />;
}

/**
 * What a layer holds now, in one line, and what is missing: no data yet, a static network not
 * served (yet), or stale data. The map keeps working whatever this says.
 */
export function LayerNote({ layer }: { layer: LayerName }) {
  const snapshot = useLayerSnapshot(layer);
  const { state, reason } = useLiveStatus(layer);
  const summary = snapshot ? layerSummary(layer, snapshot.items) : null;
  return (
    <div className={styles.notes} data-testid={`layer-note-${layer}`}>
      {layer === 'grid' ? <GridNetworkNotice /> : null}
      {layer === 'transit' ? <TransitNetworkNotice /> : null}
      {summary ? <p className={styles.note}>{summary}</p> : <p className={styles.note}>{snapshot ? 'No data from the model services yet.' : 'Waiting for data…'}</p>}
      {state === 'stale' ? (
        <p className={styles.stale}>
          Stale{reason ? `: ${reason}` : ''}
        </p>
      ) : null}
    </div>
  );
}
