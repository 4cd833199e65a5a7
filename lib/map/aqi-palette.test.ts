import { describe, expect, it } from 'vitest';
import { aqiLevelOf, aqiLevelStyle, aqiLevelStyles, aqiRangeLabel } from './aqi-palette';

describe('the AQI palette', () => {
  it('has six levels, one per band of both standards', () => {
    expect(aqiLevelStyles.map((s) => s.level)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('splits a continuous index at 50, 100, 150, 200 and 300', () => {
    expect([0, 50, 51, 100, 101, 150, 151, 200, 201, 300, 301, 500].map(aqiLevelOf)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6]);
  });

  it('clamps levels outside 1–6 to the nearest level', () => {
    expect(aqiLevelStyle(0).level).toBe(1);
    expect(aqiLevelStyle(9).level).toBe(6);
  });

  it('labels index ranges for the legend, open-ended at the top', () => {
    expect(aqiLevelStyles.map((s) => aqiRangeLabel(s.level))).toEqual(['0–50', '51–100', '101–150', '151–200', '201–300', '301+']);
  });

  it('names levels in the words of each standard', () => {
    expect(aqiLevelStyle(3).names['us-epa']).toBe('Unhealthy for sensitive groups');
    expect(aqiLevelStyle(3).names['cn-hj633']).toContain('轻度污染');
  });

  it('darkens as the level rises, so order reads without hue', () => {
    const lum = aqiLevelStyles.map(({ rgb }) => 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]);
    for (let i = 2; i < lum.length; i++) expect(lum[i]).toBeLessThan(lum[i - 1]);
  });
});
