import { queryOptions } from '@tanstack/react-query';
import { basemapSchema } from '@/lib/protocol/basemap';
import { gridNetworkSchema } from '@/lib/protocol/grid';
import { networkSchema, segmentForecastSchema, segmentHistorySchema } from '@/lib/protocol/models-api';
import { transitNetworkSchema } from '@/lib/protocol/transit';
import { getJson } from './get-json';

/** The city does not change while the page is open; keep retrying until the model services answer. */
const cityData = {
  staleTime: Infinity,
  gcTime: Infinity,
  retry: true,
  retryDelay: (attempt: number) => Math.min(1000 * 2 ** attempt, 5000),
} as const;

export const networkQuery = queryOptions({
  queryKey: ['network'],
  queryFn: ({ signal }) => getJson('/api/network', networkSchema, signal),
  ...cityData,
});

export const basemapQuery = queryOptions({
  queryKey: ['basemap'],
  queryFn: ({ signal }) => getJson('/api/basemap', basemapSchema, signal),
  ...cityData,
});

/**
 * Layers whose static network may not be served yet (an older model service, a city without a
 * grid or a feed): keep asking, but back off to every 30 s so a missing route costs little.
 */
const optionalCityData = {
  ...cityData,
  retryDelay: (attempt: number) => Math.min(1000 * 2 ** attempt, 30_000),
} as const;

export const gridNetworkQuery = queryOptions({
  queryKey: ['grid-network'],
  queryFn: ({ signal }) => getJson('/api/grid/network', gridNetworkSchema, signal),
  ...optionalCityData,
});

export const transitNetworkQuery = queryOptions({
  queryKey: ['transit-network'],
  queryFn: ({ signal }) => getJson('/api/transit/network', transitNetworkSchema, signal),
  ...optionalCityData,
});

/** A segment's history and forecast refresh every 30 s while its panel is open. */
const SEGMENT_REFRESH_MS = 30_000;

export const historyQuery = (segmentId: string, minutes = 120) =>
  queryOptions({
    queryKey: ['segment', segmentId, 'history', minutes],
    queryFn: ({ signal }) => getJson(`/api/segments/${encodeURIComponent(segmentId)}/history?minutes=${minutes}`, segmentHistorySchema, signal),
    refetchInterval: SEGMENT_REFRESH_MS,
    staleTime: SEGMENT_REFRESH_MS / 2,
  });

export const forecastQuery = (segmentId: string, minutes = 60) =>
  queryOptions({
    queryKey: ['segment', segmentId, 'forecast', minutes],
    queryFn: ({ signal }) => getJson(`/api/segments/${encodeURIComponent(segmentId)}/forecast?minutes=${minutes}`, segmentForecastSchema, signal),
    refetchInterval: SEGMENT_REFRESH_MS,
    staleTime: SEGMENT_REFRESH_MS / 2,
  });
