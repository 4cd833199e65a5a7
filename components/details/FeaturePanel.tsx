'use client';

import { FactList } from '../layers/FactList';
import { featureFacts } from '../layers/feature-facts';
import { featureKindLabel, type FeatureRef } from '../layers/features';
import { useFeatureSources } from '../layers/use-feature-sources';
import { DetailShell } from './DetailShell';
import styles from './DetailPanel.module.css';

interface Props {
  feature: FeatureRef;
  onClose: () => void;
}

/**
 * Details of a grid asset, air station, bus, stop or incident: its live values now. History and
 * forecasts are served for road segments only so far, so none are drawn here rather than invented.
 */
export function FeaturePanel({ feature, onClose }: Props) {
  const f = featureFacts(feature, useFeatureSources(), true);
  const label = `${featureKindLabel[feature.kind]} details`;
  return (
    <DetailShell
      title={f.title}
      subtitle={f.subtitle}
      label={label}
      testId="feature-panel"
      kind={feature.kind}
      subject={`${feature.kind}:${feature.id}`}
      onClose={onClose}
    >
      {f.warning ? (
        <p className={styles.warning} role="status">
          {f.warning}
        </p>
      ) : null}
      {f.facts.length ? (
        <FactList facts={f.facts} className={styles.facts} rowClassName={styles.row} />
      ) : (
        <p className={styles.note}>No live data for this {featureKindLabel[feature.kind].toLowerCase()} now.</p>
      )}
      <p className={styles.note}>Live values, updated as they arrive. History and forecast charts are available for road segments so far.</p>
    </DetailShell>
  );
}
