import { describe, expect, it } from 'vitest';
import { twinStartAt } from './start-time';

const at = (iso: string) => Date.parse(iso);

describe('twinStartAt', () => {
  it('starts now when no start time is set', () => {
    expect(twinStartAt(at('2026-11-24T20:33:12Z'))).toBe(at('2026-11-24T20:33:12Z'));
  });

  it('starts later today when the time of day is still ahead', () => {
    expect(twinStartAt(at('2026-11-24T05:10:00Z'), '07:00')).toBe(at('2026-11-24T07:00:00Z'));
  });

  it('starts tomorrow when the time of day has passed', () => {
    expect(twinStartAt(at('2026-11-24T20:33:12Z'), '07:00')).toBe(at('2026-11-25T07:00:00Z'));
  });

  it('starts exactly now when now is that time', () => {
    expect(twinStartAt(at('2026-11-24T07:00:00Z'), '07:00')).toBe(at('2026-11-24T07:00:00Z'));
  });
});
