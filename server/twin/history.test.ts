import { describe, expect, it } from 'vitest';
import { DAY_MS, planBackfill } from './history';

const END = Date.parse('2026-11-23T06:00:00Z');
const iso = (t: number) => new Date(t).toISOString();
const spans = (plan: ReturnType<typeof planBackfill>) => plan.map((s) => `${iso(s.start)} → ${iso(s.end)}`);

describe('planning the history backfill', () => {
  it('fills an empty store newest day first', () => {
    expect(spans(planBackfill({ end: END, days: 3, heldFrom: null, heldUntil: null }))).toEqual([
      '2026-11-22T06:00:00.000Z → 2026-11-23T06:00:00.000Z',
      '2026-11-21T06:00:00.000Z → 2026-11-22T06:00:00.000Z',
      '2026-11-20T06:00:00.000Z → 2026-11-21T06:00:00.000Z',
    ]);
  });

  it('continues backwards from where an interrupted backfill stopped', () => {
    const plan = planBackfill({ end: END, days: 3, heldFrom: END - DAY_MS, heldUntil: END - 5 * 60_000 });
    expect(spans(plan)).toEqual(['2026-11-21T06:00:00.000Z → 2026-11-22T06:00:00.000Z', '2026-11-20T06:00:00.000Z → 2026-11-21T06:00:00.000Z']);
  });

  it('fills the gap left while the twin was down, oldest first, then nothing more when the rest is held', () => {
    const plan = planBackfill({ end: END, days: 3, heldFrom: END - 3 * DAY_MS, heldUntil: END - 30 * 3600_000 });
    expect(spans(plan)).toEqual(['2026-11-22T00:05:00.000Z → 2026-11-22T06:00:00.000Z', '2026-11-22T06:00:00.000Z → 2026-11-23T06:00:00.000Z']);
  });

  it('plans nothing when the whole window is held', () => {
    expect(planBackfill({ end: END, days: 7, heldFrom: END - 7 * DAY_MS, heldUntil: END - 5 * 60_000 })).toEqual([]);
  });
});
