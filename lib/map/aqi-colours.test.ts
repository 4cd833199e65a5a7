import { describe, expect, it } from 'vitest';
import type { AqiLevel } from '../domain/aqi';
import { aqiColour, aqiColourHex } from './aqi-colours';
import { deltaE, simulate, type Vision } from './colour-vision';

const levels: AqiLevel[] = [1, 2, 3, 4, 5, 6];

describe('the AQI colours', () => {
  it.each<Vision>(['normal', 'deuteranopia', 'protanopia'])('keep every two levels at least ΔE 12 apart with %s vision', (vision) => {
    const seen = levels.map((l) => simulate(aqiColour(l), vision));
    for (let i = 0; i < seen.length; i++) for (let j = i + 1; j < seen.length; j++) expect(deltaE(seen[i], seen[j])).toBeGreaterThan(12);
  });

  it('give each level a distinct #rrggbb for CSS, matching its RGB', () => {
    const hex = levels.map(aqiColourHex);
    expect(new Set(hex).size).toBe(6);
    for (const l of levels) {
      expect(hex[l - 1]).toMatch(/^#[0-9a-f]{6}$/);
      expect(parseInt(hex[l - 1].slice(1, 3), 16)).toBe(aqiColour(l)[0]);
    }
  });
});
