import { describe, expect, it } from 'vitest';
import { bearingDeg, directionHint } from './direction';

describe('direction hints', () => {
  it('calls a segment running east eastbound and the opposite one westbound', () => {
    expect(directionHint([[11.5, 48.1], [11.51, 48.1]])).toBe('eastbound');
    expect(directionHint([[11.51, 48.1], [11.5, 48.1]])).toBe('westbound');
  });

  it('uses the whole segment, not its first bend', () => {
    expect(directionHint([[11.5, 48.1], [11.5, 48.101], [11.51, 48.1]])).toBe('eastbound');
  });

  it('corrects longitude for latitude, so a true diagonal is north-eastbound', () => {
    const dLat = 0.01;
    const dLon = dLat / Math.cos((48.105 * Math.PI) / 180);
    expect(bearingDeg([11.5, 48.1], [11.5 + dLon, 48.1 + dLat])).toBeCloseTo(45, 0);
    expect(directionHint([[11.5, 48.1], [11.5 + dLon, 48.1 + dLat]])).toBe('north-eastbound');
  });

  it('has no hint for a loop that ends where it starts', () => {
    expect(directionHint([[11.5, 48.1], [11.51, 48.1], [11.5, 48.1]])).toBeNull();
  });
});
