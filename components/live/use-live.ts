import { skipToken, useQuery, type QueryKey } from '@tanstack/react-query';
import type { LayerName } from '@/lib/protocol/socket';
import { liveKeys, type ConnectionEntry, type FreshnessEntry, type LiveSnapshot } from './keys';
import { judgeLive, type LiveStatus } from './staleness';
import { useNow } from './use-now';

/** Read a cache entry the socket writes: never fetched, re-renders on every setQueryData. */
function useSocketFed<T>(queryKey: QueryKey): T | undefined {
  return useQuery<T>({ queryKey, queryFn: skipToken, staleTime: Infinity, gcTime: Infinity }).data;
}

/** The layer's snapshot: a new object per version, whose `items` are shared across versions (see LiveSnapshot). */
export const useLayerSnapshot = <L extends LayerName>(layer: L) => useSocketFed<LiveSnapshot<L>>(liveKeys.layer(layer));
export const useFreshness = (layer: LayerName = 'traffic') => useSocketFed<FreshnessEntry>(liveKeys.freshness(layer));
export const useConnection = () => useSocketFed<ConnectionEntry>(liveKeys.connection);

/** Live, stale or connecting, re-judged every second so a silent gateway turns stale on its own. */
export function useLiveStatus(layer: LayerName = 'traffic'): LiveStatus & { now: number; freshness: FreshnessEntry | undefined } {
  const now = useNow();
  const connection = useConnection();
  const freshness = useFreshness(layer);
  const hasSnapshot = useLayerSnapshot(layer) !== undefined;
  // Before the clock has ticked (first client render) judge by the moment the data arrived.
  const at = now || (freshness?.heardAt ?? 0);
  return { ...judgeLive({ connection, freshness, hasSnapshot, now: at }), now: at, freshness };
}
