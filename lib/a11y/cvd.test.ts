import { describe, expect, it } from 'vitest';
import { congestionBands } from '../domain/congestion';
import { aqiLevelStyles } from '../map/aqi-palette';
import { utilisationBands } from '../map/grid-colours';
import { ciede2000Lab, deltaE2000, minAdjacentDeltaE2000, simulate, type Rgb, type Vision } from './cvd';

describe('CIEDE2000', () => {
  // Reference pairs from Sharma, Wu & Dalal (2005), "The CIEDE2000 color-difference formula", table 1.
  it.each([
    [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
    [[50, 2.5, 0], [73, 25, -18], 27.1492],
    [[50, 2.5, 0], [50, 0, -2.5], 4.3065],
    [[2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514], 0.9082],
  ] as [Rgb, Rgb, number][])('matches the published difference between Lab %j and %j', (a, b, expected) => {
    expect(ciede2000Lab(a, b)).toBeCloseTo(expected, 4);
  });

  it('measures identical colours as zero apart', () => {
    expect(deltaE2000([200, 30, 45], [200, 30, 45])).toBe(0);
  });

  it('brings red and green much closer together under deuteranopia', () => {
    const red: Rgb = [220, 30, 30];
    const green: Rgb = [30, 160, 30];
    expect(deltaE2000(simulate(red, 'deuteranopia'), simulate(green, 'deuteranopia'))).toBeLessThan(deltaE2000(red, green) / 2);
  });
});

/**
 * Neighbouring classes must differ by at least ΔE2000 12. ΔE2000 ≈ 1 is just noticeable for large
 * patches side by side; map classes are thin lines and small dots on a dark basemap, compared across
 * the screen, where discrimination is several times worse. ΔE2000 10 is the usual "clearly
 * different categories" bar for data palettes; 12 leaves margin for screens and ageing eyes.
 */
const MIN_ADJACENT_DE2000 = 12;
const visions: Vision[] = ['normal', 'deuteranopia', 'protanopia', 'tritanopia'];

const palettes: Record<string, Rgb[]> = {
  'traffic congestion': congestionBands.map((b) => b.rgb),
  'AQI category': aqiLevelStyles.map((s) => s.rgb),
  // utilisationBands runs from overload down; the scale's order is light → overload.
  'grid load': [...utilisationBands].reverse().map((b) => b.rgb),
};

describe.each(Object.entries(palettes))('the %s palette', (_name, palette) => {
  it.each(visions)(`keeps adjacent classes at least ΔE2000 ${MIN_ADJACENT_DE2000} apart with %s vision`, (vision) => {
    expect(minAdjacentDeltaE2000(palette, vision)).toBeGreaterThanOrEqual(MIN_ADJACENT_DE2000);
  });
});
