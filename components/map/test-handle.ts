import type { Map as MaplibreMap } from 'maplibre-gl';

/**
 * What end-to-end tests may read once the map has loaded: the map (to project a street onto the
 * screen), whether deck.gl has drawn, and the snapshot version last drawn.
 */
export interface PolisTestHandle {
  map: MaplibreMap;
  deckReady: boolean;
  lastRenderedVersion: number;
}

declare global {
  interface Window {
    __polis?: PolisTestHandle;
  }
}
