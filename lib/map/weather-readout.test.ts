import { describe, expect, it } from 'vitest';
import { compassName, compassPoint, rainLabel, sunshineLabel, windArrowRotation } from './weather-readout';

describe('the weather readout', () => {
  it('names the eight compass points, rounding to the nearest', () => {
    expect([0, 44, 46, 90, 135, 180, 225, 270, 315, 359].map(compassPoint)).toEqual(['N', 'NE', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW', 'N']);
  });

  it('spells the direction out for screen readers', () => {
    expect(compassName(225)).toBe('south-west');
  });

  it('points the wind arrow where the wind goes, opposite where it comes from', () => {
    expect(windArrowRotation(0)).toBe(180);
    expect(windArrowRotation(240)).toBe(60);
    expect(windArrowRotation(360)).toBe(180);
  });

  it('grades rain by intensity', () => {
    expect([0, 1, 5, 20, 80].map(rainLabel)).toEqual(['Dry', 'Light rain', 'Moderate rain', 'Heavy rain', 'Violent rain']);
  });

  it('grades sunshine by irradiance', () => {
    expect([0, 60, 300, 800].map(sunshineLabel)).toEqual(['Dark', 'Dull', 'Sunny spells', 'Bright sun']);
  });
});
