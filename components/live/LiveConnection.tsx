'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { LayerName } from '@/lib/protocol/socket';
import { connectLive } from './socket';

/** Keeps a layer live in the react-query cache while mounted; renders nothing. */
export function LiveConnection({ layer }: { layer: LayerName }) {
  const queryClient = useQueryClient();
  useEffect(() => connectLive(queryClient, layer), [queryClient, layer]);
  return null;
}
