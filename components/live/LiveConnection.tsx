'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { LayerName } from '@/lib/protocol/socket';
import { connectLive } from './socket';

/** Keeps layers live in the react-query cache while mounted, over one socket; renders nothing. */
export function LiveConnection({ layers }: { layers: readonly LayerName[] }) {
  const queryClient = useQueryClient();
  // A stable key: a new array with the same layers must not reconnect.
  const key = layers.join(',');
  useEffect(() => connectLive(queryClient, key.split(',') as LayerName[]), [queryClient, key]);
  return null;
}
