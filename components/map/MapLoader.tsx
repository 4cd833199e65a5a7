'use client';

import dynamic from 'next/dynamic';
import type { TrafficMapProps } from './TrafficMap';

/** maplibre-gl and deck.gl need a browser (WebGL, window): load the map on the client only. */
export const MapLoader = dynamic<TrafficMapProps>(() => import('./TrafficMap'), {
  ssr: false,
  loading: () => null,
});
