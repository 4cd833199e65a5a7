import type { useTranslations } from 'use-intl';

/** The public transit view's translator (its 'transit' namespace). */
export type TransitT = ReturnType<typeof useTranslations<'transit'>>;

/**
 * How long until a bus comes, for a phone screen: "Due" in the last half minute, then minutes and
 * seconds under 10 minutes (so the wait visibly counts down), whole minutes beyond.
 */
export function formatCountdown(t: TransitT, remainingMs: number): string {
  if (remainingMs < 30_000) return t('countdown.due');
  const s = Math.round(remainingMs / 1000);
  if (s < 600) return t('countdown.minSec', { min: Math.floor(s / 60), sec: String(s % 60).padStart(2, '0') });
  return t('countdown.min', { min: Math.round(s / 60) });
}

/** "3 min late", "1 min early", "on time" (within half a minute), or "scheduled" with no real-time data. */
export function formatDelay(t: TransitT, delayS: number | null): string {
  if (delayS === null) return t('delay.scheduled');
  if (Math.abs(delayS) < 30) return t('delay.onTime');
  const min = Math.round(Math.abs(delayS) / 60);
  return t(delayS > 0 ? 'delay.late' : 'delay.early', { min });
}
