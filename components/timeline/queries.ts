import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { mapForecastSchema, type ForecastTarget } from '@/lib/protocol/forecast';
import { replayFramesSchema, replayRangeSchema, type ReplayLayer } from '@/lib/protocol/replay';
import { getJson } from '../data/get-json';

/** One hour of a layer's 5-minute frames; the past does not change, the newest hour fills in. */
export const replayQuery = (layer: ReplayLayer, from: number, to: number, newest: boolean) =>
  queryOptions({
    queryKey: ['replay', layer, from],
    queryFn: ({ signal }) =>
      getJson(
        `/api/replay/${layer}?${new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(to).toISOString() })}`,
        replayFramesSchema,
        signal,
      ),
    staleTime: newest ? 60_000 : Infinity,
    gcTime: 10 * 60_000,
    // While the next hour loads, keep drawing the last frames instead of flashing grey.
    placeholderData: keepPreviousData,
  });

export const replayRangeQuery = queryOptions({
  queryKey: ['replay-range'],
  queryFn: ({ signal }) => getJson('/api/replay', replayRangeSchema, signal),
  staleTime: 60_000,
});

/** Every series of a target at one horizon; forecasts refresh as new data arrives. */
export const forecastMapQuery = (target: ForecastTarget, minutes: number) =>
  queryOptions({
    queryKey: ['forecast-map', target, minutes],
    queryFn: ({ signal }) => getJson(`/api/timeline/forecast/${target}?minutes=${minutes}`, mapForecastSchema, signal),
    staleTime: 30_000,
    refetchInterval: 60_000,
    placeholderData: keepPreviousData,
  });
