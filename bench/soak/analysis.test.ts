import { describe, expect, it } from 'vitest';
import { classifyLogLine, judgeGrowth, secondHalf, trend } from './analysis';

describe('classifyLogLine', () => {
  it('reads the gateway’s layer update as the delivery clock', () => {
    const line = JSON.stringify({ time: '2026-11-24T10:00:00.000Z', level: 'debug', component: 'web.gateway', msg: 'layer updated', layer: 'traffic', version: 12, arrivedAtMs: 1764000000123.25 });
    expect(classifyLogLine(line)).toEqual({ kind: 'update', layer: 'traffic', version: 12, arrivedAtMs: 1764000000123.25 });
  });

  it('counts a JSON line at level error as an error', () => {
    expect(classifyLogLine('{"time":"t","level":"error","component":"web","msg":"request failed"}').kind).toBe('error');
  });

  it('counts a JSON line at level warn as a warning', () => {
    expect(classifyLogLine('{"time":"t","level":"warn","component":"web.gateway","msg":"model services unreachable"}').kind).toBe('warn');
  });

  it('counts the model services’ and the twin’s error lines as errors', () => {
    expect(classifyLogLine('2026-11-24T10:00:00.000Z [models] error: rollup failed: boom').kind).toBe('error');
  });

  it('counts their warn lines as warnings', () => {
    expect(classifyLogLine('2026-11-24T10:00:00.000Z [twin] warn: twin time lags the clock by 12 s').kind).toBe('warn');
  });

  it('counts the head of a stack trace printed outside the loggers as an error', () => {
    expect(classifyLogLine('TypeError: Cannot read properties of undefined').kind).toBe('error');
  });

  it('counts Next’s own error marker as an error', () => {
    expect(classifyLogLine(' ⨯ unhandledRejection: Error: boom').kind).toBe('error');
  });

  it('ignores Node’s notice of the inspector the soak reads heaps through', () => {
    expect(classifyLogLine('Debugger listening on ws://127.0.0.1:40123/6b1c2f0e-1f1e-4a57-9d1e-2b1f5a7c9e11').kind).toBe('other');
  });

  it('ignores info lines that merely mention errors', () => {
    expect(classifyLogLine('2026-11-24T10:00:00.000Z [models] ingest: 0 errors in 2,000 observations').kind).toBe('other');
  });
});

describe('trend', () => {
  it('finds the slope of a straight line with no error', () => {
    expect(trend([[0, 10], [1, 12], [2, 14], [3, 16]])).toEqual({ slope: 2, se: 0, points: 4 });
  });

  it('gives the slope’s standard error for scattered points', () => {
    const t = trend([[0, 0], [1, 2], [2, 1], [3, 3]]);
    expect(t.slope).toBeCloseTo(0.8, 10);
    expect(t.se).toBeCloseTo(Math.sqrt(1.8 / 2 / 5), 10);
  });

  it('has no slope with fewer than two points', () => {
    expect(trend([[0, 1]]).slope).toBeNaN();
  });
});

describe('judgeGrowth', () => {
  it('calls a steady rise over the limit growth', () => {
    expect(judgeGrowth({ slope: 2, se: 0.1, points: 15 }, 1)).toBe('growth');
  });

  it('calls a rise under the limit flat', () => {
    expect(judgeGrowth({ slope: 0.4, se: 0.01, points: 15 }, 1)).toBe('flat');
  });

  it('calls a slope over the limit but within the noise flat', () => {
    expect(judgeGrowth({ slope: 1.5, se: 0.8, points: 15 }, 1)).toBe('flat');
  });

  it('does not judge a second half of fewer than eight minutes', () => {
    expect(judgeGrowth({ slope: 5, se: 0, points: 7 }, 1)).toBe('too-short');
  });
});

describe('secondHalf', () => {
  it('keeps the minutes after the midpoint', () => {
    const rows = [1, 2, 3, 4, 5, 6].map((minute) => ({ minute }));
    expect(secondHalf(rows, 6).map((r) => r.minute)).toEqual([4, 5, 6]);
  });
});
