/**
 * The soak's judgements, kept apart from the processes so they can be tested: what a server log
 * line says, the least-squares trend of a series, and when a trend is growth.
 */

/** Growth limits over the second half of a soak, in MB per minute (see docs/BENCHMARKS.md, Soak). */
export const GROWTH_LIMIT_MB_PER_MIN = { rss: 1, heap: 0.5 } as const;
/** A trend counts only when it stands this many standard errors clear of flat: noise is not growth. */
export const GROWTH_MIN_T = 3;
/** Fewer minutes than this in the second half (a soak under 16 minutes): too short to call a trend either way. */
export const MIN_TREND_POINTS = 8;

export type LogLine =
  | { kind: 'update'; layer: string; version: number; arrivedAtMs: number }
  | { kind: 'error'; text: string }
  | { kind: 'warn'; text: string }
  | { kind: 'other' };

/** A line printed outside the loggers that still says something failed: a stack, Next's ⨯, an unhandled rejection. */
const LOOSE_ERROR = /^\s*(⨯|Uncaught|Unhandled|(\w+)?Error\b|\[Error)/;

/**
 * One line of a server process's log. The web process writes JSON lines (server/realtime/log.ts,
 * the gateway's `layer updated` at debug level is the soak's clock); the model services and the
 * twin write `time [name] level: msg` (server/log.ts); anything else is Node's or Next's own.
 */
export function classifyLogLine(line: string): LogLine {
  const text = line.trimEnd();
  if (!text) return { kind: 'other' };
  if (text.startsWith('{')) {
    try {
      const o = JSON.parse(text) as Record<string, unknown>;
      if (o.msg === 'layer updated' && typeof o.layer === 'string' && typeof o.version === 'number' && typeof o.arrivedAtMs === 'number')
        return { kind: 'update', layer: o.layer, version: o.version, arrivedAtMs: o.arrivedAtMs };
      if (o.level === 'error') return { kind: 'error', text };
      if (o.level === 'warn') return { kind: 'warn', text };
      return { kind: 'other' };
    } catch {
      // Not one of ours: judged as loose text below.
    }
  }
  if (/^\S+ \[[\w.-]+\] error: /.test(text)) return { kind: 'error', text };
  if (/^\S+ \[[\w.-]+\] warn: /.test(text)) return { kind: 'warn', text };
  if (LOOSE_ERROR.test(text)) return { kind: 'error', text };
  return { kind: 'other' };
}

export interface Trend {
  /** Least-squares slope, y units per x unit. */
  slope: number;
  /** Its standard error (NaN with fewer than three points). */
  se: number;
  points: number;
}

/** Least-squares line through the points: its slope and the slope's standard error. */
export function trend(points: ReadonlyArray<readonly [number, number]>): Trend {
  const n = points.length;
  if (n < 2) return { slope: NaN, se: NaN, points: n };
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  if (sxx === 0) return { slope: NaN, se: NaN, points: n };
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const residuals = points.reduce((a, [x, y]) => a + (y - (intercept + slope * x)) ** 2, 0);
  const se = n > 2 ? Math.sqrt(residuals / (n - 2) / sxx) : NaN;
  return { slope, se, points: n };
}

export type GrowthVerdict = 'flat' | 'growth' | 'too-short';

/** A clear growth trend: over the limit and clear of the noise (GROWTH_MIN_T standard errors). */
export function judgeGrowth(t: Trend, limitPerMin: number): GrowthVerdict {
  if (t.points < MIN_TREND_POINTS || !Number.isFinite(t.slope)) return 'too-short';
  // A perfectly straight line has no error: its slope alone decides.
  const clear = t.se === 0 || t.slope > GROWTH_MIN_T * t.se;
  return t.slope > limitPerMin && clear ? 'growth' : 'flat';
}

/** The points of the second half of a soak of `minutes` minutes: those after its midpoint. */
export const secondHalf = <T extends { minute: number }>(rows: readonly T[], minutes: number): T[] => rows.filter((r) => r.minute > minutes / 2);
