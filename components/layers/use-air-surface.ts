'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { buildAirSurface, type AirSurface } from '@/lib/map/air-surface';
import type { Bounds } from '@/lib/map/idw';
import type { SurfaceReply, SurfaceRequest } from './air-surface-messages';

export type SurfaceImage = { image: ImageData; bounds: Bounds } | null;

/**
 * From this many stations the surface is built in a worker. Below it the main thread is cheaper
 * than a round trip (30 stations: a few ms) and the surface changes in the same render; at 1,000
 * inverse-distance weighting took 210–240 ms in Chromium here (bench/map-scale), a long task per
 * air update.
 */
export const WORKER_FROM_STATIONS = 200;

const toImage = (s: AirSurface | null): SurfaceImage => (s ? { image: new ImageData(s.pixels, s.width, s.height), bounds: s.bounds } : null);

/** The air surface image for these stations: inline when few, from a worker when many (the last one built until the next arrives). */
export function useAirSurface(stations: ReadonlyArray<{ location: readonly [number, number]; aqi: number }>): SurfaceImage {
  const [workerFailed, setWorkerFailed] = useState(false);
  const offThread = stations.length >= WORKER_FROM_STATIONS && typeof Worker !== 'undefined' && !workerFailed;
  const inline = useMemo(() => (offThread ? null : toImage(buildAirSurface(stations))), [stations, offThread]);
  const worker = useRef<Worker | null>(null);
  const [fromWorker, setFromWorker] = useState<SurfaceImage>(null);

  useEffect(
    () => () => {
      worker.current?.terminate();
      worker.current = null;
    },
    [],
  );

  useEffect(() => {
    if (!offThread) return;
    if (!worker.current) {
      worker.current = new Worker(new URL('./air-surface.worker.ts', import.meta.url), { type: 'module' });
      // A worker that cannot load: the surface is still drawn, on the main thread.
      worker.current.onerror = () => setWorkerFailed(true);
    }
    const w = worker.current;
    const request: SurfaceRequest = { id: Math.random(), stations: stations.map((s) => ({ location: s.location, aqi: s.aqi })) };
    // Only the answer to the latest request is shown; an older one still in flight is dropped.
    const onMessage = (e: MessageEvent<SurfaceReply>) => {
      if (e.data.id === request.id) setFromWorker(toImage(e.data.surface));
    };
    w.addEventListener('message', onMessage);
    w.postMessage(request);
    return () => w.removeEventListener('message', onMessage);
  }, [offThread, stations]);

  return offThread ? fromWorker : inline;
}
