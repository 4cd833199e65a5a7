import type { RoadSegment } from '../domain/road';
import type { ReplayFrames } from '../protocol/replay';
import { REPLAY_STEP_SECONDS, REPLAY_WINDOW_MS } from '../protocol/replay';
import { COLOUR_SIZE, segmentRgb } from './traffic-colours';

/** Where the map's clock stands: now, a moment of the last 24 hours, or a forecast horizon. */
export type TimeMode =
  | { kind: 'live' }
  /** `speed`: minutes of city time played per second of wall time. */
  | { kind: 'replay'; at: number; playing: boolean; speed: number }
  | { kind: 'forecast'; minutes: number };

export const LIVE: TimeMode = { kind: 'live' };
/** Forecast horizons offered: traffic models reach +60 min; grid and air forecasts reach +24 h. */
export const FORECAST_HORIZONS = [15, 30, 60, 180, 360, 720, 1440] as const;
export const TRAFFIC_HORIZON_MAX = 60;
/** Replay speeds, minutes of city time per second. */
export const REPLAY_SPEEDS = [1, 5, 15, 30] as const;

const STEP_MS = REPLAY_STEP_SECONDS * 1000;
/** Frames fetched per request: one hour, so scrubbing within the hour needs no round trip. */
export const CHUNK_MS = 12 * STEP_MS;

/** The hour-aligned chunk of frames holding `at`. */
export function chunkOf(at: number): { from: number; to: number } {
  const from = Math.floor(at / CHUNK_MS) * CHUNK_MS;
  return { from, to: from + CHUNK_MS };
}

/** Clamp a replay time into the scrubbable window behind `now`, on the 5-minute grid. */
export function clampReplayTime(at: number, now: number): number {
  const t = Math.min(Math.max(at, now - REPLAY_WINDOW_MS), now);
  return Math.floor(t / STEP_MS) * STEP_MS;
}

/** Advance a playing replay by `elapsedMs` of wall time; null once it has caught up with now. */
export function advanceReplay(mode: Extract<TimeMode, { kind: 'replay' }>, elapsedMs: number, now: number): TimeMode | null {
  const at = mode.at + (elapsedMs / 1000) * mode.speed * 60_000;
  return at >= now ? null : { ...mode, at };
}

/** Index of the frame holding `at`, or -1 outside the frames. */
export function frameIndex(frames: Pick<ReplayFrames, 'start' | 'steps'>, at: number): number {
  const k = Math.floor((at - Date.parse(frames.start)) / STEP_MS);
  return k >= 0 && k < frames.steps ? k : -1;
}

/**
 * RGBA per segment (network order) from one replay frame's speeds, into `out`; segments the
 * frame has no speed for are grey, as live.
 */
export function replayColours(
  segments: ReadonlyArray<Pick<RoadSegment, 'id' | 'freeFlowKmh'>>,
  frames: ReplayFrames,
  k: number,
  out: Uint8Array,
): Uint8Array {
  const speed = frames.columns.speedKmh ?? [];
  const at = new Map(frames.ids.map((id, i) => [id, i]));
  const base = k * frames.ids.length;
  segments.forEach((s, i) => {
    const j = at.get(s.id);
    const v = k >= 0 && j !== undefined ? speed[base + j] : null;
    writeRgb(out, i, segmentRgb(s, v === null || v === undefined ? undefined : { speedKmh: v }));
  });
  return out;
}

/** RGBA per segment from a forecast map's P50 speeds, into `out`. */
export function forecastColours(
  segments: ReadonlyArray<Pick<RoadSegment, 'id' | 'freeFlowKmh'>>,
  items: Readonly<Record<string, { p50: number }>>,
  out: Uint8Array,
): Uint8Array {
  segments.forEach((s, i) => {
    const p = items[s.id];
    writeRgb(out, i, segmentRgb(s, p ? { speedKmh: p.p50 } : undefined));
  });
  return out;
}

function writeRgb(out: Uint8Array, i: number, rgb: readonly [number, number, number]): void {
  const o = i * COLOUR_SIZE;
  out[o] = rgb[0];
  out[o + 1] = rgb[1];
  out[o + 2] = rgb[2];
  out[o + 3] = 255;
}

/** "+30 min", "+3 h", "+24 h". */
export function horizonLabel(minutes: number): string {
  return minutes < 60 ? `+${minutes} min` : `+${minutes / 60} h`;
}
