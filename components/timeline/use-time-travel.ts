'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslations } from 'use-intl';
import type { RoadSegment } from '@/lib/domain/road';
import { chunkOf, forecastColours, frameIndex, replayColours, TRAFFIC_HORIZON_MAX, type TimeMode } from '@/lib/map/timeline';
import { COLOUR_SIZE } from '@/lib/map/traffic-colours';
import { forecastMapQuery, replayQuery } from './queries';
import { useTimeMode } from './time-mode';

export interface TimeTravelTraffic {
  mode: TimeMode;
  /** RGBA per segment at the chosen time, or null: draw live colours. */
  colours: Uint8Array | null;
  /** Changes whenever `colours` do. */
  key: string;
  /** The time the colours show (replay frame start, or forecast target time), ms. */
  shownAt: number | null;
  /** Why nothing time-shifted is drawn (no history there, no forecast yet). */
  missing: string | null;
  /** The forecast horizon served (the nearest the traffic model has). */
  horizonMinutes: number | null;
}

/**
 * Traffic colours for the timeline's chosen time: a replay frame from the store's 5-minute
 * rollups, or the P50 speed of the traffic forecast at the chosen horizon.
 */
export function useTimeTravelTraffic(segments: readonly RoadSegment[] | undefined, now: number): TimeTravelTraffic {
  const tl = useTranslations('timeline');
  const mode = useTimeMode();
  const chunk = mode.kind === 'replay' ? chunkOf(mode.at) : null;
  const replay = useQuery({
    ...replayQuery('traffic', chunk?.from ?? 0, chunk?.to ?? 0, chunk ? chunk.to > now : false),
    enabled: chunk !== null,
  });
  const minutes = mode.kind === 'forecast' ? Math.min(mode.minutes, TRAFFIC_HORIZON_MAX) : 0;
  const forecast = useQuery({ ...forecastMapQuery('traffic-speed', minutes || 15), enabled: mode.kind === 'forecast' });

  const frames = mode.kind === 'replay' ? replay.data : undefined;
  const k = frames && mode.kind === 'replay' ? frameIndex(frames, mode.at) : -1;
  const fc = mode.kind === 'forecast' ? forecast.data : undefined;

  const colours = useMemo(() => {
    if (!segments) return null;
    if (frames && k >= 0) return replayColours(segments, frames, k, new Uint8Array(segments.length * COLOUR_SIZE));
    if (fc && Object.keys(fc.items).length) return forecastColours(segments, fc.items, new Uint8Array(segments.length * COLOUR_SIZE));
    return null;
  }, [segments, frames, k, fc]);

  let missing: string | null = null;
  if (mode.kind === 'replay' && !colours) missing = replay.isFetching ? tl('missing.loadingHistory') : replay.error ? tl('missing.historyFailed', { error: replay.error.message }) : tl('missing.noHistory');
  if (mode.kind === 'forecast' && !colours) missing = forecast.isFetching ? tl('missing.loadingForecast') : forecast.error ? tl('missing.forecastFailed', { error: forecast.error.message }) : tl('missing.noForecast');

  const shownAt =
    mode.kind === 'replay' && frames && k >= 0
      ? Date.parse(frames.start) + k * frames.stepSeconds * 1000
      : mode.kind === 'forecast' && fc?.t
        ? Date.parse(fc.t)
        : null;
  const key = mode.kind === 'live' ? 'live' : `${mode.kind}:${frames?.start ?? fc?.madeAt ?? ''}:${k}:${fc?.horizonMinutes ?? ''}:${colours ? 1 : 0}`;
  return { mode, colours, key, shownAt, missing, horizonMinutes: fc?.horizonMinutes ?? null };
}
