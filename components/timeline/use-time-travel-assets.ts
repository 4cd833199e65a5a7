'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslations } from 'use-intl';
import { chunkOf, frameIndex } from '@/lib/map/timeline';
import { airWithConcentrations, concentrationsOf, frameColumn, gridWithLoads, medianOf } from '@/lib/map/time-shifted-state';
import type { AirReading } from '@/lib/protocol/air';
import type { GridItem } from '@/lib/protocol/grid';
import type { LiveSnapshot } from '../live/keys';
import { forecastMapQuery, replayQuery } from './queries';
import { useTimeMode } from './time-mode';

/** Air forecasts are hourly: the first horizon they have is +1 h. */
const AIR_MIN_MINUTES = 60;

type Items<T> = Readonly<Record<string, T>>;
const NONE = {} as const;

export interface TimeTravelAssets {
  /** Grid and air items at the timeline's time; the live ones when live or when nothing is stored there. */
  grid: Items<GridItem>;
  air: Items<AirReading>;
  /** Changes whenever the time-shifted items do ('live' when they are the live ones). */
  key: { grid: string; air: string };
  /** Why grid or air show live values although the timeline is elsewhere. */
  missing: { grid: string | null; air: string | null };
}

/**
 * Grid loads and air quality at the timeline's time, like the traffic colours: a replay frame of
 * the store's 5-minute rollups, or the forecast medians at the chosen horizon (grid to +24 h,
 * air from +1 h to +24 h).
 */
export function useTimeTravelAssets(liveGridLayer: LiveSnapshot<'grid'> | undefined, liveAirLayer: LiveSnapshot<'air'> | undefined, now: number): TimeTravelAssets {
  const tl = useTranslations('timeline');
  const mode = useTimeMode();
  const chunk = mode.kind === 'replay' ? chunkOf(mode.at) : null;
  const newest = chunk ? chunk.to > now : false;
  const gridReplay = useQuery({ ...replayQuery('grid', chunk?.from ?? 0, chunk?.to ?? 0, newest), enabled: chunk !== null });
  const airReplay = useQuery({ ...replayQuery('air', chunk?.from ?? 0, chunk?.to ?? 0, newest), enabled: chunk !== null });
  const forecasting = mode.kind === 'forecast';
  const minutes = forecasting ? mode.minutes : 60;
  // Forecast keys also change with the horizon (items change, madeAt may not).
  const horizon = forecasting ? `+${minutes}` : '';
  const airMinutes = Math.max(AIR_MIN_MINUTES, minutes);
  const load = useQuery({ ...forecastMapQuery('grid-load', minutes), enabled: forecasting });
  const pm25 = useQuery({ ...forecastMapQuery('air-pm25', airMinutes), enabled: forecasting });
  const no2 = useQuery({ ...forecastMapQuery('air-no2', airMinutes), enabled: forecasting });
  const o3 = useQuery({ ...forecastMapQuery('air-o3', airMinutes), enabled: forecasting });
  const at = mode.kind === 'replay' ? mode.at : null;

  // Memoised on the live snapshots, not their items: the cache writes items in place.
  const grid = useMemo(() => {
    const liveGrid = liveGridLayer?.items ?? NONE;
    if (at !== null && gridReplay.data) {
      const k = frameIndex(gridReplay.data, at);
      return k >= 0 ? gridWithLoads(liveGrid, frameColumn(gridReplay.data, 'loadKw', k), new Date(at).toISOString()) : null;
    }
    if (forecasting && load.data?.t && Object.keys(load.data.items).length) return gridWithLoads(liveGrid, medianOf(load.data.items), load.data.t);
    return null;
  }, [at, gridReplay.data, forecasting, load.data, liveGridLayer]);

  const air = useMemo(() => {
    const liveAir = liveAirLayer?.items ?? NONE;
    if (at !== null && airReplay.data) {
      const f = airReplay.data;
      const k = frameIndex(f, at);
      return k >= 0 ? airWithConcentrations(liveAir, concentrationsOf(frameColumn(f, 'pm25', k), frameColumn(f, 'no2', k), frameColumn(f, 'o3', k)), new Date(at).toISOString()) : null;
    }
    if (forecasting && pm25.data?.t && no2.data && o3.data && Object.keys(pm25.data.items).length)
      return airWithConcentrations(liveAir, concentrationsOf(medianOf(pm25.data.items), medianOf(no2.data.items), medianOf(o3.data.items)), pm25.data.t);
    return null;
  }, [at, airReplay.data, forecasting, pm25.data, no2.data, o3.data, liveAirLayer]);

  const why = (what: 'grid' | 'air', fetching: boolean, error: Error | null) =>
    fetching ? tl(`missing.${what}Loading`) : error ? tl(`missing.${what}Failed`, { error: error.message }) : mode.kind === 'replay' ? tl(`missing.${what}NoHistory`) : tl(`missing.${what}NoForecast`);
  const stamp = (items: unknown, t: string | null | undefined) => (items ? `${mode.kind}:${at ?? ''}${horizon}:${t ?? ''}` : 'live');
  return {
    key: { grid: stamp(grid, load.data?.madeAt ?? gridReplay.data?.start), air: stamp(air, pm25.data?.madeAt ?? airReplay.data?.start) },
    grid: grid ?? liveGridLayer?.items ?? NONE,
    air: air ?? liveAirLayer?.items ?? NONE,
    missing: {
      grid: mode.kind === 'live' || grid ? null : why('grid', gridReplay.isFetching || load.isFetching, gridReplay.error ?? load.error),
      air: mode.kind === 'live' || air ? null : why('air', airReplay.isFetching || pm25.isFetching, airReplay.error ?? pm25.error),
    },
  };
}
