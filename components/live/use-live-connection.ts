import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { namespaces, type NamespaceName } from '@/lib/protocol/namespaces';
import type { Area, LayerName } from '@/lib/protocol/socket';
import type { EventChecks } from './event-checks';
import { liveKeys } from './keys';
import { connectLive, type LiveHandle } from './socket';

/**
 * Keeps layers live in the react-query cache while mounted, over one socket. On /ops a refused
 * session sends the browser to the sign-in page and back here afterwards. The area set with
 * setLiveArea (area.ts) is followed without reconnecting.
 */
export function useLiveConnection(layers: readonly LayerName[], namespace: NamespaceName, checks: EventChecks): void {
  const queryClient = useQueryClient();
  const router = useRouter();
  const area = useQuery<Area | null>({ queryKey: liveKeys.area, queryFn: skipToken, staleTime: Infinity, gcTime: Infinity }).data ?? null;
  const handle = useRef<LiveHandle | null>(null);
  // A stable key: a new array with the same layers must not reconnect.
  const key = layers.join(',');
  useEffect(() => {
    const startArea = queryClient.getQueryData<Area | null>(liveKeys.area);
    const live = connectLive(queryClient, key.split(',') as LayerName[], {
      checks,
      namespace,
      ...(startArea ? { area: startArea } : {}),
      onUnauthorized:
        namespace === namespaces.ops
          ? () => router.replace(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`)
          : undefined,
    });
    handle.current = live;
    return () => {
      handle.current = null;
      live.stop();
    };
  }, [queryClient, key, namespace, router, checks]);
  useEffect(() => handle.current?.setArea(area), [area]);
}
