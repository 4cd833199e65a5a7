import type { LonLat } from '@/lib/domain/road';
import type { Bbox } from '@/lib/map/bounds';

/**
 * Where the map should fly to (search, alerts): a point or a box. `seq` makes asking twice for
 * the same place fly again, after the person panned away.
 */
export interface MapFocus {
  seq: number;
  center?: LonLat;
  bounds?: Bbox;
  /** Zoom to fly to at a point (not closer than now). */
  zoom?: number;
}
