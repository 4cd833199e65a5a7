'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { namespaces, type LayerName, type NamespaceName } from '@/lib/protocol/socket';
import { connectLive } from './socket';

/**
 * Keeps layers live in the react-query cache while mounted, over one socket; renders nothing.
 * The control room uses /ops (a signed-in session); when the session is refused the browser goes
 * to the sign-in page and comes back here afterwards. Public views pass namespace="/public".
 */
export function LiveConnection({ layers, namespace = namespaces.ops }: { layers: readonly LayerName[]; namespace?: NamespaceName }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  // A stable key: a new array with the same layers must not reconnect.
  const key = layers.join(',');
  useEffect(
    () =>
      connectLive(queryClient, key.split(',') as LayerName[], {
        namespace,
        onUnauthorized:
          namespace === namespaces.ops
            ? () => router.replace(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`)
            : undefined,
      }),
    [queryClient, key, namespace, router],
  );
  return null;
}
