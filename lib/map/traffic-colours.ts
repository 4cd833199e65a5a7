import { congestionBand, noDataRgb, speedRatio } from '../domain/congestion';
import type { RoadSegment } from '../domain/road';
import type { TrafficReading } from '../protocol/traffic';

/** RGBA per segment: four bytes per path, in network order. */
export const COLOUR_SIZE = 4;

/** RGB of one segment: its congestion band, or grey when it has no reading. */
export function segmentRgb(
  segment: Pick<RoadSegment, 'freeFlowKmh'>,
  reading: Pick<TrafficReading, 'speedKmh'> | undefined,
): readonly [number, number, number] {
  if (!reading) return noDataRgb;
  return congestionBand(speedRatio(reading.speedKmh, segment.freeFlowKmh)).rgb;
}

/**
 * One colour per segment for the current snapshot, built once per snapshot version so the map's
 * colour accessor is a lookup rather than a band computation per path per frame.
 */
export function buildColourBuffer(
  segments: ReadonlyArray<Pick<RoadSegment, 'id' | 'freeFlowKmh'>>,
  items: Readonly<Record<string, Pick<TrafficReading, 'speedKmh'>>>,
): Uint8Array {
  const out = new Uint8Array(segments.length * COLOUR_SIZE);
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const rgb = segmentRgb(seg, items[seg.id]);
    const o = i * COLOUR_SIZE;
    out[o] = rgb[0];
    out[o + 1] = rgb[1];
    out[o + 2] = rgb[2];
    out[o + 3] = 255;
  }
  return out;
}

/** The colour of path `index` in a buffer from buildColourBuffer, without copying. */
export function colourAt(buffer: Uint8Array, index: number): Uint8Array {
  return buffer.subarray(index * COLOUR_SIZE, index * COLOUR_SIZE + COLOUR_SIZE);
}
