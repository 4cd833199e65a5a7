import { describe, expect, it } from 'vitest';
import { congestionBands } from '../domain/congestion';
import { aqiLevelStyles } from './aqi-palette';
import { deltaE, minPairwiseDeltaE, simulate, type Rgb, type Vision } from './colour-vision';
import { utilisationBands } from './grid-colours';
import { incidentKinds, incidentStyles } from './icons';

const visions: Vision[] = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'];
/** Comfortably more than "just noticeable" (~2.3): distinct at a glance on a small mark. */
const MIN_DELTA_E = 15;

describe('colour-vision simulation', () => {
  it('leaves grey unchanged under every kind of dichromacy', () => {
    for (const v of visions) {
      const [r, g, b] = simulate([128, 128, 128], v);
      expect(Math.abs(r - 128) + Math.abs(g - 128) + Math.abs(b - 128)).toBeLessThan(3);
    }
  });

  it('makes pure red and pure green much harder to tell apart for deuteranopes', () => {
    const red: Rgb = [220, 30, 30];
    const green: Rgb = [30, 160, 30];
    expect(deltaE(simulate(red, 'deuteranopia'), simulate(green, 'deuteranopia'))).toBeLessThan(deltaE(red, green) / 2);
  });

  it('measures identical colours as zero apart and black and white as about 100', () => {
    expect(deltaE([10, 20, 30], [10, 20, 30])).toBe(0);
    expect(deltaE([0, 0, 0], [255, 255, 255])).toBeCloseTo(100, 0);
  });
});

const palettes: Record<string, Rgb[]> = {
  'traffic congestion bands': congestionBands.map((b) => b.rgb),
  'AQI levels': aqiLevelStyles.map((s) => s.rgb),
  'grid utilisation bands': utilisationBands.map((b) => b.rgb),
  'incident kinds': incidentKinds.map((k) => incidentStyles[k].rgb),
};

describe.each(Object.entries(palettes))('the %s palette', (_name, palette) => {
  it.each(visions)('keeps every pair of colours distinct with %s vision', (vision) => {
    expect(minPairwiseDeltaE(palette, vision)).toBeGreaterThanOrEqual(MIN_DELTA_E);
  });
});
