import { describe, expect, it } from 'vitest';
import { tokenBucket } from './rate-limit';

describe('tokenBucket', () => {
  it('allows a burst, then refuses until tokens refill', () => {
    let t = 0;
    const take = tokenBucket({ perSecond: 2, burst: 3 }, () => t);
    expect([take(), take(), take(), take()]).toEqual([true, true, true, false]);
    t = 499;
    expect(take()).toBe(false);
    t = 500;
    expect(take()).toBe(true);
  });

  it('never holds more than the burst, however long it was idle', () => {
    let t = 0;
    const take = tokenBucket({ perSecond: 10, burst: 2 }, () => t);
    t = 3_600_000;
    expect([take(), take(), take()]).toEqual([true, true, false]);
  });
});
