'use client';

import { FactList } from './FactList';
import { featureFacts } from './feature-facts';
import type { FeatureRef } from './features';
import { useFactWords } from './use-fact-words';
import { useFeatureSources } from './use-feature-sources';
import styles from '../map/SegmentTooltip.module.css';

interface Props {
  feature: FeatureRef;
  /** Where to put the tooltip's top-left corner inside the map, in pixels (beside the pointer). */
  left: number;
  top: number;
}

/** What is under the pointer, for anything but a road segment: its name, kind and live values. */
export function FeatureTooltip({ feature, left, top }: Props) {
  const f = featureFacts(useFactWords(), feature, useFeatureSources());
  return (
    <div
      role="tooltip"
      data-testid="feature-tooltip"
      data-kind={feature.kind}
      className={styles.tooltip}
      style={{ transform: `translate(${left}px, ${top}px)` }}
    >
      <div className={styles.name}>{f.title}</div>
      <div className={styles.meta}>{f.subtitle}</div>
      {f.warning ? <div className={styles.warning}>{f.warning}</div> : null}
      {f.facts.length ? <FactList facts={f.facts} className={styles.values} rowClassName={styles.row} /> : null}
    </div>
  );
}
