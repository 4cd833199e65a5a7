'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { LonLat } from '@/lib/domain/road';
import { gridNetworkQuery, networkQuery } from '../data/queries';
import { useOptionalActionsRoom } from './actions-context';
import { previewOf, type ActionPreview, type PreviewSources } from './preview';

/** Paths by id from the city's networks, built once per network. */
export function usePreviewSources(): PreviewSources {
  const segments = useQuery(networkQuery).data?.segments;
  const feeders = useQuery(gridNetworkQuery).data?.feeders;
  return useMemo(() => {
    const seg = new Map<string, readonly LonLat[]>(segments?.map((s) => [s.id, s.path]));
    const fdr = new Map<string, readonly LonLat[]>(feeders?.map((f) => [f.id, f.path]));
    return { segmentPath: (id) => seg.get(id), feederPath: (id) => fdr.get(id) };
  }, [segments, feeders]);
}

/** The action previewed on the map, or null; one object per previewed action (and network). */
export function useActionPreview(): ActionPreview | null {
  const selected = useOptionalActionsRoom()?.selected ?? null;
  const sources = usePreviewSources();
  return useMemo(() => (selected ? previewOf(selected.id, selected.target, sources) : null), [selected, sources]);
}
