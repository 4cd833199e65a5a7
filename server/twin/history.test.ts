import { describe, expect, it } from 'vitest';
import { historyBackfillSchema, type HistoryBackfill } from '@/lib/protocol/models-api';
import { DAY_MS, planBackfill, splitBlock } from './history';

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

describe('splitting a large history block', () => {
  const rows = 3000;
  const block: HistoryBackfill = {
    start: '2026-11-22T06:00:00.000Z',
    stepSeconds: 300,
    segmentIds: Array.from({ length: rows }, (_, i) => `s${String(i + 1).padStart(5, '0')}`),
    speedKmh: Array.from({ length: rows }, (_, i) => Array.from({ length: 288 }, (_, k) => ((i * 7 + k) % 500) / 10)),
    flowVph: Array.from({ length: rows }, (_, i) => Array.from({ length: 288 }, (_, k) => (i * 13 + k) % 2000)),
    source: 'city-twin',
  };

  it('keeps a small block whole', () => {
    expect(splitBlock(block, 100_000_000)).toEqual([block]);
  });

  it('cuts a big block by segment into bodies under the limit that together hold every row once', () => {
    const parts = splitBlock(block, 1_000_000);
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) {
      expect(JSON.stringify(part).length).toBeLessThanOrEqual(1_000_000);
      expect(historyBackfillSchema.safeParse(part).success).toBe(true);
      expect(part.start).toBe(block.start);
    }
    expect(parts.flatMap((p) => p.segmentIds)).toEqual(block.segmentIds);
    expect(parts.flatMap((p) => p.speedKmh)).toEqual(block.speedKmh);
    expect(parts.flatMap((p) => p.flowVph)).toEqual(block.flowVph);
  });
});
