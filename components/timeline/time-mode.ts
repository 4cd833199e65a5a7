'use client';

import { useSyncExternalStore } from 'react';
import { LIVE, type TimeMode } from '@/lib/map/timeline';

/**
 * The map's clock, shared by the timeline (which sets it) and the map (which draws the state at
 * that time). UI state, not server data, so it lives in this small store rather than react-query.
 */
let mode: TimeMode = LIVE;
const listeners = new Set<() => void>();

export function setTimeMode(next: TimeMode | ((prev: TimeMode) => TimeMode)): void {
  mode = typeof next === 'function' ? next(mode) : next;
  for (const l of listeners) l();
}

export function getTimeMode(): TimeMode {
  return mode;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useTimeMode(): TimeMode {
  return useSyncExternalStore(subscribe, getTimeMode, () => LIVE);
}
