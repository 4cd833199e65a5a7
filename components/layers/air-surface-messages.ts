import type { AirSurface } from '@/lib/map/air-surface';

/** What the air surface worker is asked: the stations' places and AQI (nothing else crosses). */
export interface SurfaceRequest {
  id: number;
  stations: Array<{ location: readonly [number, number]; aqi: number }>;
}

/** Its answer to request `id`. */
export interface SurfaceReply {
  id: number;
  surface: AirSurface | null;
}
