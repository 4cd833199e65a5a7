'use client';

import { namespaces, type NamespaceName } from '@/lib/protocol/namespaces';
import type { LayerName } from '@/lib/protocol/socket';
import { useLiveConnection } from './use-live-connection';
import { zodChecks } from './zod-checks';

/**
 * Keeps layers live in the react-query cache while mounted, every payload checked with its
 * lib/protocol schema; renders nothing. The control room uses /ops (a signed-in session).
 */
export function LiveConnection({ layers, namespace = namespaces.ops }: { layers: readonly LayerName[]; namespace?: NamespaceName }) {
  useLiveConnection(layers, namespace, zodChecks);
  return null;
}
