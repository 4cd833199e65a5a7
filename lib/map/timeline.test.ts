import { describe, expect, it } from 'vitest';
import type { ReplayFrames } from '../protocol/replay';
import { advanceReplay, chunkOf, clampReplayTime, forecastColours, frameIndex, horizonLabel, replayColours } from './timeline';

const T = Date.parse('2026-11-24T08:00:00Z');
const segments = [
  { id: 'a', freeFlowKmh: 50 },
  { id: 'b', freeFlowKmh: 50 },
];
const frames: ReplayFrames = {
  layer: 'traffic',
  start: new Date(T).toISOString(),
  stepSeconds: 300,
  steps: 2,
  ids: ['b'],
  columns: { speedKmh: [5, 50], flowVph: [1, 1] },
};

describe('the timeline clock', () => {
  it('fetches frames by the hour that holds the chosen time', () => {
    expect(chunkOf(T + 37 * 60_000)).toEqual({ from: T, to: T + 3_600_000 });
  });

  it('keeps replay inside the last 24 hours, on the 5-minute grid', () => {
    expect(clampReplayTime(T - 3 * 86_400_000, T)).toBe(T - 86_400_000);
    expect(clampReplayTime(T - 7 * 60_000, T)).toBe(T - 10 * 60_000);
  });

  it('plays minutes of city time per second and returns to live at now', () => {
    const m = { kind: 'replay' as const, at: T - 60 * 60_000, playing: true, speed: 5 };
    expect(advanceReplay(m, 2000, T)).toEqual({ ...m, at: T - 50 * 60_000 });
    expect(advanceReplay(m, 20_000, T)).toBeNull();
  });

  it('finds the frame holding a time, and none outside the frames', () => {
    expect(frameIndex(frames, T + 6 * 60_000)).toBe(1);
    expect(frameIndex(frames, T + 10 * 60_000)).toBe(-1);
  });

  it('labels horizons in minutes under an hour and hours above', () => {
    expect(horizonLabel(30)).toBe('+30 min');
    expect(horizonLabel(180)).toBe('+3 h');
  });
});

describe('time-shifted traffic colours', () => {
  it('colour a replay frame by its speeds, grey where the frame has none', () => {
    const out = replayColours(segments, frames, 0, new Uint8Array(8));
    expect([...out.slice(0, 3)]).toEqual([110, 118, 130]);
    expect([...out.slice(4, 7)]).toEqual([200, 30, 45]);
    expect([...replayColours(segments, frames, 1, new Uint8Array(8)).slice(4, 7)]).toEqual([44, 160, 90]);
  });

  it('colour a forecast by its median speed', () => {
    const out = forecastColours(segments, { a: { p50: 30 } }, new Uint8Array(8));
    expect([...out.slice(0, 3)]).toEqual([240, 200, 40]);
    expect([...out.slice(4, 7)]).toEqual([110, 118, 130]);
  });
});
