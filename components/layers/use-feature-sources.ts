'use client';

import { useQuery } from '@tanstack/react-query';
import { gridNetworkQuery, networkQuery, transitNetworkQuery } from '../data/queries';
import { useLayerSnapshot } from '../live/use-live';
import type { FeatureSources } from './feature-facts';

/** Everything featureFacts can read, straight from the react-query cache (no fetching of its own). */
export function useFeatureSources(): FeatureSources {
  return {
    segments: useQuery(networkQuery).data?.segments,
    gridNetwork: useQuery(gridNetworkQuery).data,
    gridItems: useLayerSnapshot('grid')?.items,
    stations: useLayerSnapshot('air')?.items,
    transitNetwork: useQuery(transitNetworkQuery).data,
    buses: useLayerSnapshot('transit')?.items,
    incidents: useLayerSnapshot('incidents')?.items,
  };
}
