import { describe, expect, it } from 'vitest';
import { isOverloaded, substationRadiusPx, SUBSTATION_MAX_PX, SUBSTATION_MIN_PX, utilisationBand } from './grid-colours';

describe('grid utilisation bands', () => {
  it('bands utilisation at 50%, 80% and 100%', () => {
    expect([0.1, 0.5, 0.79, 0.8, 1, 1.01, 2].map((u) => utilisationBand(u).key)).toEqual(['low', 'normal', 'normal', 'high', 'high', 'overload', 'overload']);
  });

  it('treats negative utilisation (solar export) as light load', () => {
    expect(utilisationBand(-0.4).key).toBe('low');
  });

  it('calls a feeder overloaded only above its rating', () => {
    expect(isOverloaded(1)).toBe(false);
    expect(isOverloaded(1.001)).toBe(true);
  });
});

describe('substation marker size', () => {
  it('is largest for the most loaded substation and smallest with no load', () => {
    expect(substationRadiusPx(5000, 5000)).toBe(SUBSTATION_MAX_PX);
    expect(substationRadiusPx(0, 5000)).toBe(SUBSTATION_MIN_PX);
    expect(substationRadiusPx(-300, 5000)).toBe(SUBSTATION_MIN_PX);
  });

  it('grows its area, not its radius, in proportion to load', () => {
    const r = (kw: number) => substationRadiusPx(kw, 4000) - SUBSTATION_MIN_PX;
    expect(r(1000) / r(4000)).toBeCloseTo(0.5, 5);
  });
});
