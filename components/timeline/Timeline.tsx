'use client';

import { useEffect } from 'react';
import { advanceReplay, clampReplayTime, FORECAST_HORIZONS, horizonLabel, LIVE, REPLAY_SPEEDS } from '@/lib/map/timeline';
import { REPLAY_WINDOW_MS } from '@/lib/protocol/replay';
import { formatHourMinute } from '../format/time';
import { useLayerSnapshot } from '../live/use-live';
import { setTimeMode, useTimeMode } from './time-mode';
import styles from './Timeline.module.css';

const TICK_MS = 250;
const STEP_MS = 5 * 60_000;

/**
 * The timeline: scrub back through the last 24 hours (replayed from the store, playable at a
 * chosen speed), jump forward to a forecast horizon, or return to live. The map reads the same
 * clock (time-mode.ts) and marks replay and forecast unmistakably.
 */
export function Timeline({ className }: { className?: string }) {
  const mode = useTimeMode();
  const asOf = useLayerSnapshot('traffic')?.asOf;
  // City time: the newest traffic observation (the twin may run faster than the wall clock).
  const now = asOf ? Date.parse(asOf) : 0;

  useEffect(() => {
    if (mode.kind !== 'replay' || !mode.playing || !now) return;
    const timer = setInterval(() => {
      setTimeMode((m) => (m.kind === 'replay' && m.playing ? (advanceReplay(m, TICK_MS, now) ?? LIVE) : m));
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [mode, now]);

  const from = now ? now - REPLAY_WINDOW_MS : 0;
  const replayAt = mode.kind === 'replay' ? mode.at : now;
  const status =
    mode.kind === 'live'
      ? `Live · ${now ? formatHourMinute(now) : '--:--'}`
      : mode.kind === 'replay'
        ? `Replay · ${formatHourMinute(mode.at)}${mode.playing ? ' ▶' : ''}`
        : `Forecast · ${horizonLabel(mode.minutes)}${now ? ` → ${formatHourMinute(now + mode.minutes * 60_000)}` : ''}`;

  return (
    <section className={`${styles.bar} ${className ?? ''}`} aria-label="Timeline" data-testid="timeline" data-mode={mode.kind}>
      <button
        type="button"
        className={styles.button}
        aria-pressed={mode.kind === 'live'}
        onClick={() => setTimeMode(LIVE)}
        data-testid="timeline-live"
      >
        Live
      </button>
      <span className={styles.label}>−24 h</span>
      <input
        type="range"
        className={styles.scrub}
        aria-label="Replay time (last 24 hours)"
        data-testid="timeline-scrub"
        min={from}
        max={now || 1}
        step={STEP_MS}
        value={replayAt || 0}
        disabled={!now}
        aria-valuetext={mode.kind === 'replay' ? `replay at ${formatHourMinute(mode.at)}` : 'now'}
        onChange={(e) => {
          const at = clampReplayTime(Number(e.target.value), now);
          setTimeMode((m) => ({ kind: 'replay', at, playing: false, speed: m.kind === 'replay' ? m.speed : REPLAY_SPEEDS[1] }));
        }}
      />
      <button
        type="button"
        className={styles.button}
        data-testid="timeline-play"
        disabled={!now}
        aria-label={mode.kind === 'replay' && mode.playing ? 'Pause replay' : 'Play replay'}
        onClick={() =>
          setTimeMode((m) =>
            m.kind === 'replay'
              ? { ...m, playing: !m.playing }
              : { kind: 'replay', at: clampReplayTime(now - 60 * 60_000, now), playing: true, speed: REPLAY_SPEEDS[1] },
          )
        }
      >
        {mode.kind === 'replay' && mode.playing ? 'Pause' : 'Play'}
      </button>
      <select
        className={styles.speed}
        aria-label="Replay speed"
        data-testid="timeline-speed"
        value={mode.kind === 'replay' ? mode.speed : REPLAY_SPEEDS[1]}
        onChange={(e) => {
          const speed = Number(e.target.value);
          setTimeMode((m) => (m.kind === 'replay' ? { ...m, speed } : m));
        }}
        disabled={mode.kind !== 'replay'}
      >
        {REPLAY_SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s} min/s
          </option>
        ))}
      </select>
      <span className={styles.label}>Forecast</span>
      <div className={styles.horizons} role="group" aria-label="Forecast horizon">
        {FORECAST_HORIZONS.map((h) => (
          <button
            key={h}
            type="button"
            className={styles.button}
            aria-pressed={mode.kind === 'forecast' && mode.minutes === h}
            data-testid={`timeline-forecast-${h}`}
            onClick={() => setTimeMode({ kind: 'forecast', minutes: h })}
          >
            {horizonLabel(h)}
          </button>
        ))}
      </div>
      <output className={styles.status} data-testid="timeline-status" aria-live="polite">
        {status}
      </output>
    </section>
  );
}
