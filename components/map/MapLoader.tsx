'use client';

import dynamic from 'next/dynamic';
import type { CityMapProps } from './CityMap';

/** maplibre-gl and deck.gl need a browser (WebGL, window): load the map on the client only. */
export const MapLoader = dynamic<CityMapProps>(() => import('./CityMap'), {
  ssr: false,
  loading: () => null,
});
