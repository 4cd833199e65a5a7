/** How many state-changing events one socket may send: `burst` at once, refilled at `perSecond`. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

/**
 * A token bucket: one per socket, so a flooding client (a stuck button, a script) is refused
 * with `rate-limited` while everyone else is served. Time is passed in for tests.
 */
export function tokenBucket({ perSecond, burst }: RateLimit, now: () => number = Date.now): () => boolean {
  let tokens = burst;
  let last = now();
  return () => {
    const t = now();
    tokens = Math.min(burst, tokens + ((t - last) / 1000) * perSecond);
    last = t;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}
