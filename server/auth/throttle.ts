import type { Queryable } from '../store/sql';

/**
 * Sign-in rate limiting and lockout, per account and per IP address. Counters live in the
 * auth_throttle table (auth-store.ts migrates it), so every gateway on one database agrees.
 * Accounts are keyed by the email as typed (normalised), whether or not it exists: an unknown
 * email locks exactly like a known one, so lockout tells nothing about who has an account.
 */
export interface ThrottleLimits {
  accountMaxFailures: number;
  ipMaxFailures: number;
  windowMs: number;
  lockoutMs: number;
}

export type ThrottleScope = 'account' | 'ip';

export interface Blocked {
  scope: ThrottleScope;
  /** Whole seconds until the lock ends, at least 1 (the Retry-After header). */
  retryAfterS: number;
}

const keyOf = (scope: ThrottleScope, value: string) => `${scope}:${value}`;

export class SignInThrottle {
  constructor(
    private readonly db: Queryable,
    readonly limits: ThrottleLimits,
  ) {}

  /** The longest lock standing against this email or address now, or null. */
  async blocked(email: string, ip: string, nowMs = Date.now()): Promise<Blocked | null> {
    const rows = await this.db.query<{ key: string; locked_until: Date | string }>(
      'select key, locked_until from auth_throttle where key in ($1, $2) and locked_until > $3',
      [keyOf('account', email), keyOf('ip', ip), new Date(nowMs).toISOString()],
    );
    let worst: Blocked | null = null;
    for (const r of rows) {
      const retryAfterS = Math.max(1, Math.ceil((new Date(r.locked_until).getTime() - nowMs) / 1000));
      if (!worst || retryAfterS > worst.retryAfterS) worst = { scope: r.key.startsWith('ip:') ? 'ip' : 'account', retryAfterS };
    }
    return worst;
  }

  /** Count a failed sign-in; returns the scopes this failure locked (empty when none did). */
  async recordFailure(email: string, ip: string, nowMs = Date.now()): Promise<ThrottleScope[]> {
    const locked: ThrottleScope[] = [];
    const count = async (scope: ThrottleScope, value: string, max: number) => {
      if (await this.bump(keyOf(scope, value), max, nowMs)) locked.push(scope);
    };
    await count('account', email, this.limits.accountMaxFailures);
    await count('ip', ip, this.limits.ipMaxFailures);
    // Old counters are swept as failures arrive: no timer needed.
    await this.db.query('delete from auth_throttle where window_start <= $1 and (locked_until is null or locked_until <= $2)', [
      new Date(nowMs - this.limits.windowMs).toISOString(),
      new Date(nowMs).toISOString(),
    ]);
    return locked;
  }

  /** A successful sign-in clears the account's failures (never the address's: one good account must not unblock guessing at others). */
  async recordSuccess(email: string): Promise<void> {
    await this.db.query('delete from auth_throttle where key = $1', [keyOf('account', email)]);
  }

  /**
   * One failure more in the key's window (a fixed window from its first failure), in one atomic
   * upsert so concurrent gateways never lose a count; true when this failure set the lock.
   */
  private async bump(key: string, max: number, nowMs: number): Promise<boolean> {
    const now = new Date(nowMs).toISOString();
    const lockUntil = new Date(nowMs + this.limits.lockoutMs).toISOString();
    const [row] = await this.db.query<{ failures: number; locked_until: Date | string | null }>(
      `insert into auth_throttle as t (key, failures, window_start, locked_until)
       values ($1, 1, $2::timestamptz, case when 1 >= $4::int then $5::timestamptz end)
       on conflict (key) do update set
         failures = case when t.window_start <= $3::timestamptz then 1 else t.failures + 1 end,
         window_start = case when t.window_start <= $3::timestamptz then $2::timestamptz else t.window_start end,
         locked_until = case
           when (case when t.window_start <= $3::timestamptz then 1 else t.failures + 1 end) >= $4::int
             and (t.locked_until is null or t.locked_until <= $2::timestamptz) then $5::timestamptz
           else t.locked_until end
       returning failures, locked_until`,
      [key, now, new Date(nowMs - this.limits.windowMs).toISOString(), max, lockUntil],
    );
    return row?.locked_until != null && new Date(row.locked_until).getTime() === new Date(lockUntil).getTime();
  }
}
