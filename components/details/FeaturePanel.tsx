'use client';

import { useLocale, useTranslations } from 'use-intl';
import { AirForecast, GridForecast } from '../forecast/AssetForecast';
import { ProposeAction } from '../actions/ProposeAction';
import { FactList } from '../layers/FactList';
import { featureFacts } from '../layers/feature-facts';
import type { FeatureRef } from '../layers/features';
import { useFactWords } from '../layers/use-fact-words';
import { useFeatureSources } from '../layers/use-feature-sources';
import { DetailShell } from './DetailShell';
import styles from './DetailPanel.module.css';

interface Props {
  feature: FeatureRef;
  onClose: () => void;
}

/**
 * Details of a grid asset, air station, bus, stop or incident: its live values now, and for
 * feeders, substations and air stations the model services' 24-hour forecast with its band.
 */
export function FeaturePanel({ feature, onClose }: Props) {
  const t = useTranslations('details');
  const locale = useLocale();
  const words = useFactWords();
  const f = featureFacts(words, feature, useFeatureSources(), true);
  const kind = words.t(`kind.${feature.kind}`);
  const label = t('panelLabel', { kind });
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
        <p className={styles.note}>{t('noLiveData', { kind: kind.toLocaleLowerCase(locale) })}</p>
      )}
      {feature.kind === 'feeder' || feature.kind === 'substation' ? <GridForecast assetId={feature.id} /> : null}
      {feature.kind === 'station' ? <AirForecast stationId={feature.id} /> : null}
      <p className={styles.note}>{t('liveNote')}</p>
      {feature.kind === 'feeder' || feature.kind === 'station' ? <ProposeAction feature={{ kind: feature.kind, id: feature.id }} /> : null}
    </DetailShell>
  );
}
