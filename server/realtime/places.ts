import { networkSchema } from '@/lib/protocol/models-api';
import { rangeOfPoints, type ItemLocator, type TileRange } from './areas';

/**
 * Places road segments for area subscriptions from the model services' road network (traffic
 * readings carry no geometry). Fetched when unplaced segments show up, at most every 30 s.
 */
export function segmentPlacer(modelsUrl: string, locator: ItemLocator, onError: (err: Error) => void) {
  let lastTry = 0;
  let busy = false;
  return (ids: Iterable<string>) => {
    if (busy || Date.now() - lastTry < 30_000) return;
    let unknown = false;
    for (const id of ids) if (!locator.has(id)) { unknown = true; break; }
    if (!unknown) return;
    busy = true;
    lastTry = Date.now();
    fetch(`${modelsUrl}/v1/network`, { signal: AbortSignal.timeout(10_000) })
      .then(async (res) => {
        if (!res.ok) throw new Error(`model services answered ${res.status} for /v1/network`);
        const net = networkSchema.parse(await res.json());
        const places: Array<[string, TileRange]> = [];
        for (const s of net.segments) {
          const r = rangeOfPoints(s.path);
          if (r) places.push([s.id, r]);
        }
        locator.setPlaces(places);
      })
      .catch((err: unknown) => onError(err instanceof Error ? err : new Error(String(err))))
      .finally(() => {
        busy = false;
      });
  };
}
