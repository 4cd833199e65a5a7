'use client';

import type { ReactNode } from 'react';
import { useTranslations } from 'use-intl';
import type { AqiStandard } from '@/lib/protocol/air';
import type { LayerName } from '@/lib/protocol/layers';
import { useLayerSnapshot } from '../live/use-live';
import { LayerNote } from './LayerNote';
import { RouteList } from './RouteList';
import type { ToggleId, Visibility } from './visibility';
import { WeatherReadout } from './WeatherReadout';
import styles from './LayerPanel.module.css';

/** Legends rendered on the server (they are static), handed in as slots. */
export interface LayerLegends {
  traffic: ReactNode;
  grid: ReactNode;
  transit: ReactNode;
  incidents: ReactNode;
  /** One per AQI standard: the panel shows the one the data says is in force. */
  air: Record<AqiStandard, ReactNode>;
}

interface Props {
  visibility: Visibility;
  onToggle: (id: ToggleId, on: boolean) => void;
  legends: LayerLegends;
}

const entries: { id: Exclude<ToggleId, 'airSurface'>; layer: LayerName }[] = [
  { id: 'traffic', layer: 'traffic' },
  { id: 'grid', layer: 'grid' },
  { id: 'air', layer: 'air' },
  { id: 'transit', layer: 'transit' },
  { id: 'incidents', layer: 'incidents' },
  { id: 'weather', layer: 'weather' },
];

function Toggle({ id, on, onToggle, sub = false }: { id: ToggleId; on: boolean; onToggle: Props['onToggle']; sub?: boolean }) {
  const t = useTranslations('layers.toggle');
  return (
    <label className={sub ? `${styles.toggle} ${styles.subToggle}` : styles.toggle}>
      <input type="checkbox" checked={on} onChange={(e) => onToggle(id, e.currentTarget.checked)} data-testid={`toggle-${id}`} />
      <span>{t(id)}</span>
    </label>
  );
}

/** The layer panel: a toggle per layer and, while it is on, its legend and what it holds now. */
export function LayerPanel({ visibility, onToggle, legends }: Props) {
  const t = useTranslations('layers');
  const air = useLayerSnapshot('air');
  const standard: AqiStandard = Object.values(air?.items ?? {})[0]?.aqiStandard ?? 'us-epa';
  const legendOf: Record<(typeof entries)[number]['id'], ReactNode> = {
    traffic: legends.traffic,
    grid: legends.grid,
    air: legends.air[standard],
    transit: (
      <>
        {legends.transit}
        <RouteList />
      </>
    ),
    incidents: legends.incidents,
    weather: <WeatherReadout />,
  };
  return (
    <section className={styles.panel} aria-labelledby="layers-title" data-testid="layer-panel">
      <h2 id="layers-title" className={styles.title}>
        {t('title')}
      </h2>
      {entries.map(({ id, layer }) => {
        const on = visibility[id];
        return (
          <div key={id} className={styles.entry} data-testid={`layer-${id}`} data-visible={on ? 'true' : 'false'}>
            <Toggle id={id} on={on} onToggle={onToggle} />
            {on ? (
              <div className={styles.body}>
                {id === 'air' ? <Toggle id="airSurface" on={visibility.airSurface} onToggle={onToggle} sub /> : null}
                {legendOf[id]}
                {id === 'weather' ? null : <LayerNote layer={layer} />}
              </div>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}
