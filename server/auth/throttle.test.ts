import { afterEach, describe, expect, it } from 'vitest';
import { testBackends } from '../store/test-stores';
import { AuthStore } from './auth-store';
import { SignInThrottle, type ThrottleLimits } from './throttle';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

const LIMITS: ThrottleLimits = { accountMaxFailures: 3, ipMaxFailures: 5, windowMs: 60_000, lockoutMs: 120_000 };
const T0 = Date.parse('2026-11-24T08:00:00Z');

describe.each(await testBackends('sign-in throttle cases'))('the sign-in throttle on %s', (_name, open, skip) => {
  /** Two throttles on one database: two gateways. */
  const openPair = async () => {
    const store = await AuthStore.open(await open(), { sessionTtlMs: 3600_000 });
    closers.push(() => store.close());
    return [new SignInThrottle(store.db, LIMITS), new SignInThrottle(store.db, LIMITS)] as const;
  };
  const fail = async (t: SignInThrottle, n: number, email: string, ip: string, at = T0) => {
    const locked = [];
    for (let i = 0; i < n; i++) locked.push(...(await t.recordFailure(email, ip, at)));
    return locked;
  };

  it.skipIf(skip)('locks an account at its failure limit, counted across gateways', async () => {
    const [a, b] = await openPair();
    expect(await fail(a, 2, 'ann@example.org', '10.0.0.1')).toEqual([]);
    expect(await a.blocked('ann@example.org', '10.0.0.9', T0)).toBeNull();
    expect(await fail(b, 1, 'ann@example.org', '10.0.0.2')).toEqual(['account']);
    expect(await a.blocked('ann@example.org', '10.0.0.9', T0 + 1000)).toEqual({ scope: 'account', retryAfterS: 119 });
  });

  it.skipIf(skip)('blocks an address at its failure limit, whatever the accounts', async () => {
    const [t] = await openPair();
    for (let i = 0; i < 4; i++) await fail(t, 1, `guess${i}@example.org`, '10.0.0.1');
    expect(await fail(t, 1, 'guess9@example.org', '10.0.0.1')).toEqual(['ip']);
    expect(await t.blocked('someone@example.org', '10.0.0.1', T0)).toMatchObject({ scope: 'ip' });
    expect(await t.blocked('someone@example.org', '10.0.0.2', T0)).toBeNull();
  });

  it.skipIf(skip)('lets the lock run out', async () => {
    const [t] = await openPair();
    await fail(t, 3, 'ann@example.org', '10.0.0.1');
    expect(await t.blocked('ann@example.org', '10.0.0.1', T0 + LIMITS.lockoutMs + 1)).toBeNull();
  });

  it.skipIf(skip)('forgets failures older than the window', async () => {
    const [t] = await openPair();
    await fail(t, 2, 'ann@example.org', '10.0.0.1');
    expect(await fail(t, 2, 'ann@example.org', '10.0.0.1', T0 + LIMITS.windowMs + 1)).toEqual([]);
  });

  it.skipIf(skip)('clears an account\'s failures on a successful sign-in, but not its address\'s', async () => {
    const [t] = await openPair();
    await fail(t, 2, 'ann@example.org', '10.0.0.1');
    await t.recordSuccess('ann@example.org');
    expect(await fail(t, 2, 'ann@example.org', '10.0.0.1')).toEqual([]);
    expect(await fail(t, 1, 'bob@example.org', '10.0.0.1')).toEqual(['ip']);
  });

  it.skipIf(skip)('loses no failure when gateways count at once', async () => {
    const [a, b] = await openPair();
    await Promise.all([fail(a, 1, 'ann@example.org', '10.0.0.1'), fail(b, 1, 'ann@example.org', '10.0.0.2')]);
    expect(await fail(a, 1, 'ann@example.org', '10.0.0.3')).toEqual(['account']);
  });
});
