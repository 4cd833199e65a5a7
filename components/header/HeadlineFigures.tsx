'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslations } from 'use-intl';
import { busesLate, gridFigures, trafficFigures, worstAir } from '@/lib/domain/headline';
import { useLocaleFormat } from '../control-room/use-locale-format';
import { networkQuery } from '../data/queries';
import { useLayerSnapshot } from '../live/use-live';
import styles from './HeadlineFigures.module.css';

function Figure({ id, label, value, unit, sub, title, tone }: { id: string; label: string; value: string; unit?: string; sub?: string; title?: string; tone?: 'warn' | 'bad' }) {
  return (
    <div className={styles.figure} data-testid={`figure-${id}`} title={sub ? `${title ?? label} (${sub})` : title} data-tone={tone}>
      <dt className={styles.label}>{label}</dt>
      <dd className={styles.value}>
        {value}
        {unit ? <span className={styles.unit}> {unit}</span> : null}
        {sub ? <span className={styles.sub}> {sub}</span> : null}
      </dd>
    </div>
  );
}

const DASH = '—';

/**
 * The city's headline figures, from the live layers in the react-query cache (formulas in
 * lib/domain/headline.ts): they change as each delta lands, with no fetching of their own.
 */
export function HeadlineFigures() {
  const segments = useQuery(networkQuery).data?.segments;
  // Snapshots, not their items: items are written in place, each version is a new snapshot.
  const traffic = useLayerSnapshot('traffic');
  const grid = useLayerSnapshot('grid');
  const air = useLayerSnapshot('air');
  const transit = useLayerSnapshot('transit');
  const segInfo = useMemo(() => new Map((segments ?? []).map((s) => [s.id, s])), [segments]);

  const t = useMemo(() => (traffic ? trafficFigures(traffic.items, segInfo) : null), [traffic, segInfo]);
  const g = useMemo(() => (grid ? gridFigures(grid.items) : null), [grid]);
  const a = useMemo(() => (air ? worstAir(air.items) : null), [air]);
  const b = useMemo(() => (transit ? busesLate(transit.items) : null), [transit]);
  const tr = useTranslations('header.figures');
  const { fixed } = useLocaleFormat();
  /** Megawatts, with a decimal only while it matters. */
  const mw = (kw: number) => fixed(kw / 1000, Math.abs(kw) >= 100_000 ? 0 : 1);
  const pct = (share: number) => `${fixed(share * 100)} %`;

  return (
    <dl className={styles.figures} aria-label={tr('label')}>
      <Figure id="speed" label={tr('speed')} value={t ? fixed(t.speedKmh) : DASH} unit={t ? 'km/h' : undefined} title={tr('speedTitle')} />
      <Figure
        id="congestion"
        label={tr('congestion')}
        value={t ? pct(t.congestionPct / 100) : DASH}
        title={tr('congestionTitle')}
        tone={t && t.congestionPct >= 50 ? 'bad' : t && t.congestionPct >= 25 ? 'warn' : undefined}
      />
      <Figure
        id="grid"
        label={tr('grid')}
        value={g ? `${mw(g.loadKw)} / ${mw(g.capacityKw)} MW` : DASH}
        sub={g ? `${pct(g.utilisation)}${g.feedersOver90 ? ` · ${tr('feedersOver', { count: g.feedersOver90 })}` : ''}` : undefined}
        title={tr('gridTitle')}
        tone={g && g.feedersOver90 > 0 ? 'warn' : undefined}
      />
      <Figure
        id="aqi"
        label={tr('aqi')}
        value={a ? String(a.aqi) : DASH}
        sub={a ? a.station : undefined}
        title={a ? tr('aqiTitle', { aqi: a.aqi, level: a.level, station: a.station }) : undefined}
        tone={a && a.level >= 5 ? 'bad' : a && a.level >= 3 ? 'warn' : undefined}
      />
      <Figure
        id="late"
        label={tr('late')}
        value={b ? `${b.late} / ${b.buses}` : DASH}
        sub={b ? tr('lateSub') : undefined}
        title={tr('lateTitle')}
        tone={b && b.share > 0.2 ? 'warn' : undefined}
      />
    </dl>
  );
}
