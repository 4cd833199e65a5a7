'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { busesLate, gridFigures, trafficFigures, worstAir } from '@/lib/domain/headline';
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
/** Megawatts, with a decimal only while it matters. */
const mw = (kw: number) => (Math.abs(kw) >= 100_000 ? (kw / 1000).toFixed(0) : (kw / 1000).toFixed(1));

/**
 * The city's headline figures, from the live layers in the react-query cache (formulas in
 * lib/domain/headline.ts): they change as each delta lands, with no fetching of their own.
 */
export function HeadlineFigures() {
  const segments = useQuery(networkQuery).data?.segments;
  const traffic = useLayerSnapshot('traffic')?.items;
  const grid = useLayerSnapshot('grid')?.items;
  const air = useLayerSnapshot('air')?.items;
  const transit = useLayerSnapshot('transit')?.items;
  const segInfo = useMemo(() => new Map((segments ?? []).map((s) => [s.id, s])), [segments]);

  const t = useMemo(() => (traffic ? trafficFigures(traffic, segInfo) : null), [traffic, segInfo]);
  const g = useMemo(() => (grid ? gridFigures(grid) : null), [grid]);
  const a = useMemo(() => (air ? worstAir(air) : null), [air]);
  const b = useMemo(() => (transit ? busesLate(transit) : null), [transit]);

  return (
    <dl className={styles.figures} aria-label="City headline figures">
      <Figure
        id="speed"
        label="Network speed"
        value={t ? t.speedKmh.toFixed(0) : DASH}
        unit={t ? 'km/h' : undefined}
        title="Vehicle-km travelled ÷ vehicle-hours travelled, over every segment reporting"
      />
      <Figure
        id="congestion"
        label="Congestion"
        value={t ? `${t.congestionPct.toFixed(0)} %` : DASH}
        title="Extra travel time over free flow, traffic-weighted"
        tone={t && t.congestionPct >= 50 ? 'bad' : t && t.congestionPct >= 25 ? 'warn' : undefined}
      />
      <Figure
        id="grid"
        label="Grid load"
        value={g ? `${mw(g.loadKw)} / ${mw(g.capacityKw)} MW` : DASH}
        sub={g ? `${Math.round(g.utilisation * 100)} %${g.feedersOver90 ? ` · ${g.feedersOver90} feeder${g.feedersOver90 > 1 ? 's' : ''} > 90 %` : ''}` : undefined}
        title="Load of the substations against their capacity"
        tone={g && g.feedersOver90 > 0 ? 'warn' : undefined}
      />
      <Figure
        id="aqi"
        label="Worst AQI"
        value={a ? String(a.aqi) : DASH}
        sub={a ? a.station : undefined}
        title={a ? `AQI ${a.aqi} (level ${a.level} of 6) at ${a.station}, the worst station now` : undefined}
        tone={a && a.level >= 5 ? 'bad' : a && a.level >= 3 ? 'warn' : undefined}
      />
      <Figure
        id="late"
        label="Buses late"
        value={b ? `${b.late} / ${b.buses}` : DASH}
        sub={b ? '> 5 min' : undefined}
        title="Buses more than 5 minutes behind their timetable"
        tone={b && b.share > 0.2 ? 'warn' : undefined}
      />
    </dl>
  );
}
