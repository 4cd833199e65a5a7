import type { LayerItem, LayerName } from './layers';
import type { TrafficReading } from './traffic';

/**
 * Dead-bands of the live map layers: a new reading within the band of the one last sent is not
 * sent, and the snapshot keeps the last sent one (so snapshot and deltas still agree exactly).
 * The map colours by speed and sizes by flow; smaller moves are invisible there, and the exact
 * current reading of a segment is served over HTTP (/v1/segments/{id}/...).
 */
export const trafficDeadBand = {
  /**
   * km/h: well under one step of the map's speed colour scale, yet enough for a segment near a
   * colour boundary to flip colour soon after its speed crosses it.
   */
  speedKmh: 1,
  /** Flow moves by at least this share of the last sent flow, or by flowMinVph, whichever is larger. */
  flowShare: 0.1,
  flowMinVph: 50,
  occupancy: 0.02,
  /**
   * A reading older than this is sent again even unchanged, so no map reading is older. Each
   * segment's limit lies between half and all of it (by its id), so the refreshes of segments
   * first sent together spread over many ticks instead of arriving in one burst.
   */
  maxAgeMs: 5 * 60_000,
} as const;

/** A stable number in [0, 1) from an id (FNV-1a), to spread per-item limits. */
export function spreadOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 2 ** 32;
}

/** True when `next` need not be sent because the map would not show the difference from `last`. */
export function trafficWithinDeadBand(last: TrafficReading, next: TrafficReading, id: string, band = trafficDeadBand): boolean {
  if (Math.abs(next.speedKmh - last.speedKmh) >= band.speedKmh) return false;
  if (Math.abs(next.flowVph - last.flowVph) >= Math.max(band.flowMinVph, band.flowShare * last.flowVph)) return false;
  if (Math.abs(next.occupancy - last.occupancy) >= band.occupancy) return false;
  const age = Date.parse(next.observedAt) - Date.parse(last.observedAt);
  return age < band.maxAgeMs * (0.5 + spreadOf(id) / 2);
}

/** Per layer, when a changed item is still close enough to the last sent one to leave out. */
export type DeadBand<L extends LayerName> = (last: LayerItem<L>, next: LayerItem<L>, id: string) => boolean;

export const deadBands: { [L in LayerName]?: DeadBand<L> } = {
  traffic: (last, next, id) => trafficWithinDeadBand(last, next, id),
};
