import { describe, expect, it } from 'vitest';
import { issuesOf } from '../validation';
import { forecastQuerySchema, historyBackfillSchema, historyQuerySchema, segmentIdSchema } from './models-api';

const backfill = () => ({
  start: '2026-11-22T00:00:00.000Z',
  stepSeconds: 300,
  segmentIds: ['s1', 's2'],
  speedKmh: [
    [40, 41, 39],
    [20, 22, 25],
  ],
  flowVph: [
    [900, 950, 870],
    [400, 420, 500],
  ],
});

const paths = (r: ReturnType<typeof historyBackfillSchema.safeParse>) => (r.success ? [] : issuesOf(r.error).map((i) => i.path));

describe('history backfill schema', () => {
  it('accepts aligned rows of 5-minute values', () => {
    expect(historyBackfillSchema.safeParse(backfill()).success).toBe(true);
  });

  it('rejects a row of the wrong length, naming the row', () => {
    const b = backfill();
    b.flowVph[1] = [400, 420];
    expect(paths(historyBackfillSchema.safeParse(b))).toContain('flowVph[1]');
  });

  it('rejects a missing row for a segment', () => {
    const b = backfill();
    b.speedKmh.pop();
    expect(paths(historyBackfillSchema.safeParse(b))).toContain('speedKmh');
  });

  it('rejects a step other than five minutes', () => {
    expect(paths(historyBackfillSchema.safeParse({ ...backfill(), stepSeconds: 60 }))).toContain('stepSeconds');
  });

  it('rejects a negative flow value, naming its cell', () => {
    const b = backfill();
    b.flowVph[0][2] = -5;
    expect(paths(historyBackfillSchema.safeParse(b))).toContain('flowVph[0][2]');
  });
});

describe('query and path schemas', () => {
  it('default the history window to two hours and the forecast to one', () => {
    expect(historyQuerySchema.parse({}).minutes).toBe(120);
    expect(forecastQuerySchema.parse({}).minutes).toBe(60);
  });

  it('reject a history window that is not a number', () => {
    expect(historyQuerySchema.safeParse({ minutes: 'lots' }).success).toBe(false);
  });

  it('reject a forecast horizon beyond a day', () => {
    expect(forecastQuerySchema.safeParse({ minutes: '2000' }).success).toBe(false);
  });

  it('reject segment ids with path characters', () => {
    expect(segmentIdSchema.safeParse('../etc/passwd').success).toBe(false);
    expect(segmentIdSchema.safeParse('s00001').success).toBe(true);
  });
});
