import type { Map as MaplibreMap } from 'maplibre-gl';

/**
 * What end-to-end tests may read once the map has loaded: the map (to project a street onto the
 * screen), whether deck.gl has drawn, and the snapshot versions last drawn (traffic's, and each layer's).
 */
export interface PolisTestHandle {
  map: MaplibreMap;
  deckReady: boolean;
  lastRenderedVersion: number;
  /** Snapshot version of every live layer last drawn (-1 before its first), by layer name. */
  drawnVersions?: Record<string, number>;
  /** What the traffic layer last drew: 'live', or the timeline's replay/forecast key. */
  drawnTime?: string;
}

declare global {
  interface Window {
    __polis?: PolisTestHandle;
  }
}
