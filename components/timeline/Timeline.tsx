'use client';

import { useEffect } from 'react';
import { useTranslations } from 'use-intl';
import { advanceReplay, clampReplayTime, FORECAST_HORIZONS, LIVE, REPLAY_SPEEDS } from '@/lib/map/timeline';
import { REPLAY_WINDOW_MS } from '@/lib/protocol/replay';
import { useLocaleFormat } from '../control-room/use-locale-format';
import { useLayerSnapshot } from '../live/use-live';
import { setTimeMode, useTimeMode } from './time-mode';
import { useHorizonLabel } from './use-horizon-label';
import styles from './Timeline.module.css';

const TICK_MS = 250;
const STEP_MS = 5 * 60_000;

/**
 * The timeline: scrub back through the last 24 hours (replayed from the store, playable at a
 * chosen speed), jump forward to a forecast horizon, or return to live. The map reads the same
 * clock (time-mode.ts) and marks replay and forecast unmistakably.
 */
export function Timeline({ className }: { className?: string }) {
  const t = useTranslations('timeline');
  const { hourMinute } = useLocaleFormat();
  const horizonLabel = useHorizonLabel();
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
      ? t('status.live', { time: now ? hourMinute(now) : '--:--' })
      : mode.kind === 'replay'
        ? t(mode.playing ? 'status.replayPlaying' : 'status.replay', { time: hourMinute(mode.at) })
        : now
          ? t('status.forecastAt', { horizon: horizonLabel(mode.minutes), time: hourMinute(now + mode.minutes * 60_000) })
          : t('status.forecast', { horizon: horizonLabel(mode.minutes) });

  return (
    <section className={`${styles.bar} ${className ?? ''}`} aria-label={t('label')} data-testid="timeline" data-mode={mode.kind}>
      <button
        type="button"
        className={styles.button}
        aria-pressed={mode.kind === 'live'}
        onClick={() => setTimeMode(LIVE)}
        data-testid="timeline-live"
      >
        {t('live')}
      </button>
      <span className={`${styles.label} ${styles.window}`}>{t('window')}</span>
      <input
        type="range"
        className={styles.scrub}
        aria-label={t('scrub')}
        data-testid="timeline-scrub"
        min={from}
        max={now || 1}
        step={STEP_MS}
        value={replayAt || 0}
        disabled={!now}
        aria-valuetext={mode.kind === 'replay' ? t('scrubValue', { time: hourMinute(mode.at) }) : t('scrubNow')}
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
        aria-label={mode.kind === 'replay' && mode.playing ? t('pauseReplay') : t('playReplay')}
        onClick={() =>
          setTimeMode((m) =>
            m.kind === 'replay'
              ? { ...m, playing: !m.playing }
              : { kind: 'replay', at: clampReplayTime(now - 60 * 60_000, now), playing: true, speed: REPLAY_SPEEDS[1] },
          )
        }
      >
        {mode.kind === 'replay' && mode.playing ? t('pause') : t('play')}
      </button>
      <select
        className={styles.speed}
        aria-label={t('speed')}
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
            {t('speedOption', { speed: s })}
          </option>
        ))}
      </select>
      <span className={`${styles.label} ${styles.window}`}>{t('forecast')}</span>
      <div className={styles.horizons} role="group" aria-label={t('horizons')}>
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
