'use client';

import { memo, useMemo } from 'react';
import { useTranslations } from 'use-intl';
import type { TransitNetwork, Vehicle } from '@/lib/protocol/transit';
import { fitProjection, pathOf } from './projection';
import styles from './transit.module.css';

interface Props {
  network: TransitNetwork;
  vehicles: Record<string, Vehicle>;
  selectedStopId: string | null;
  selectedRouteId: string | null;
  onStop: (id: string) => void;
}

/**
 * The city's routes, stops and live buses as one small SVG: no map library, so the page's first
 * view stays light (maplibre and deck.gl alone are several times the 200 KB budget). Buses glide
 * between positions with a CSS transition. Stops can be tapped; keyboard and screen-reader users
 * reach the same stops through the search and lists below, so the drawing itself is one image.
 */
export function RouteMap({ network, vehicles, selectedStopId, selectedRouteId, onStop }: Props) {
  const t = useTranslations('transit');
  const proj = useMemo(() => fitProjection([...network.shapes.flatMap((s) => s.path), ...network.stops.map((s) => s.location)]), [network]);
  const colour = useMemo(() => new Map(network.routes.map((r) => [r.id, `#${r.color}`])), [network]);
  const buses = Object.entries(vehicles);
  return (
    <svg
      className={styles.map}
      viewBox={`0 0 ${proj.width} ${proj.height}`}
      role="img"
      aria-label={t('network.map', { routes: network.routes.length, stops: network.stops.length, buses: buses.length })}
      data-testid="route-map"
    >
      <Network network={network} proj={proj} colour={colour} selectedRouteId={selectedRouteId} />
      <g>
        {network.stops.map((s) => {
          const [x, y] = proj.project(s.location);
          const selected = s.id === selectedStopId;
          return <circle key={s.id} cx={x} cy={y} r={selected ? 11 : 6} className={selected ? styles.stopSelected : styles.stop} onClick={() => onStop(s.id)} data-stop={s.id} data-selected={selected} />;
        })}
      </g>
      <g>
        {buses.map(([id, v]) => {
          const [x, y] = proj.project(v.location);
          const dim = selectedRouteId !== null && v.routeId !== selectedRouteId;
          return (
            <g key={id} className={styles.bus} style={{ transform: `translate(${x}px, ${y}px)`, opacity: dim ? 0.25 : 1 }} data-vehicle={id} data-x={x} data-y={y}>
              <circle r={12} fill={colour.get(v.routeId) ?? '#58a6ff'} stroke="#fff" strokeWidth={3} />
              <path d="M0 -20 L6 -12 L-6 -12 Z" fill="#fff" transform={`rotate(${v.bearing})`} />
            </g>
          );
        })}
      </g>
    </svg>
  );
}

/** The route lines: drawn once per network (and route selection), not on every bus move. */
const Network = memo(function Network({
  network,
  proj,
  colour,
  selectedRouteId,
}: {
  network: TransitNetwork;
  proj: ReturnType<typeof fitProjection>;
  colour: ReadonlyMap<string, string>;
  selectedRouteId: string | null;
}) {
  return (
    <g fill="none" strokeLinecap="round" strokeLinejoin="round">
      {network.shapes.map((s) => (
        <path
          key={s.id}
          d={pathOf(proj, s.path)}
          stroke={colour.get(s.routeId) ?? '#888'}
          strokeWidth={s.routeId === selectedRouteId ? 9 : 5}
          opacity={selectedRouteId === null || s.routeId === selectedRouteId ? 0.9 : 0.2}
        />
      ))}
    </g>
  );
});
