/**
 * How long until a bus comes, for a phone screen: "Due" in the last half minute, then minutes and
 * seconds under 10 minutes (so the wait visibly counts down), whole minutes beyond.
 */
export function formatCountdown(remainingMs: number): string {
  if (remainingMs < 30_000) return 'Due';
  const s = Math.round(remainingMs / 1000);
  if (s < 600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.round(s / 60)} min`;
}

/** "3 min late", "1 min early", "on time" (within half a minute), or "scheduled" with no real-time data. */
export function formatDelay(delayS: number | null): string {
  if (delayS === null) return 'scheduled';
  if (Math.abs(delayS) < 30) return 'on time';
  const min = Math.round(Math.abs(delayS) / 60);
  return `${min} min ${delayS > 0 ? 'late' : 'early'}`;
}
