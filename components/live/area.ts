import type { QueryClient } from '@tanstack/react-query';
import type { Area } from '@/lib/protocol/socket';
import { liveKeys } from './keys';

/**
 * The part of the map the screen shows, for the live subscription: call on the map's `moveend`
 * with its bounds (or null for the whole city). LiveConnection re-subscribes with it on the open
 * socket, so a screen zoomed into one district gets only that district's deltas.
 *
 *   map.on('moveend', () => { const b = map.getBounds(); setLiveArea(queryClient, { west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() }); });
 */
export function setLiveArea(queryClient: QueryClient, area: Area | null): void {
  queryClient.setQueryData<Area | null>(liveKeys.area, area === null ? null : clampArea(area));
}

/** Bounds from a map can run past the antimeridian or the Mercator limits; the protocol cannot. */
export function clampArea(a: Area): Area {
  const lon = (x: number) => Math.min(180, Math.max(-180, x));
  const lat = (y: number) => Math.min(85.06, Math.max(-85.06, y));
  return { west: lon(a.west), south: lat(a.south), east: lon(a.east), north: lat(a.north) };
}
