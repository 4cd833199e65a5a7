import { queryOptions } from '@tanstack/react-query';
import { airForecastSchema, gridForecastSchema, modelsListSchema } from '@/lib/protocol/forecast';
import { getJson } from '../data/get-json';

/** Grid and air forecasts change with each 15-minute (grid) or hourly (air) step: a minute is fresh enough. */
const REFRESH_MS = 60_000;

export const gridForecastQuery = (assetId: string) =>
  queryOptions({
    queryKey: ['forecast', 'grid', assetId],
    queryFn: ({ signal }) => getJson(`/api/grid/${encodeURIComponent(assetId)}/forecast`, gridForecastSchema, signal),
    refetchInterval: REFRESH_MS,
    staleTime: REFRESH_MS / 2,
    retry: false,
  });

export const airForecastQuery = (stationId: string) =>
  queryOptions({
    queryKey: ['forecast', 'air', stationId],
    queryFn: ({ signal }) => getJson(`/api/air/${encodeURIComponent(stationId)}/forecast`, airForecastSchema, signal),
    refetchInterval: REFRESH_MS,
    staleTime: REFRESH_MS / 2,
    retry: false,
  });

export const modelsQuery = queryOptions({
  queryKey: ['models'],
  queryFn: ({ signal }) => getJson('/api/models', modelsListSchema, signal),
  refetchInterval: REFRESH_MS,
});
