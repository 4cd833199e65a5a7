const DAY_MS = 86_400_000;

/**
 * When twin time starts: now, or with `hhmm` (TWIN_START, UTC like the twin's clock) the next
 * such time of day at or after now, so a drill or a test meets the same hour whenever it runs.
 */
export function twinStartAt(nowMs: number, hhmm?: string): number {
  if (!hhmm) return nowMs;
  const [h, m] = hhmm.split(':').map(Number);
  const midnight = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const today = midnight + (h * 60 + m) * 60_000;
  return today >= nowMs ? today : today + DAY_MS;
}
