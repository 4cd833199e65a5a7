import { describe, expect, it } from 'vitest';
import { MILD_WEATHER } from '../twin-domains';
import { airAt, backgroundOzonePpb, stagnation } from './chemistry';

const clean = { nox: 0, pm25: 0, pm10: 0, co: 0 };
const busyRoad = { nox: 150, pm25: 4, pm10: 8, co: 600 };

describe('the air chemistry and background', () => {
  it('raises ozone with sunshine', () => {
    const dull = airAt({ ...MILD_WEATHER, solarRadiationWm2: 50 }, clean);
    const sunny = airAt({ ...MILD_WEATHER, solarRadiationWm2: 800, cloudCover: 0 }, clean);
    expect(sunny.o3).toBeGreaterThan(1.5 * dull.o3);
  });

  it('lowers ozone and raises NO2 where traffic emits NO (titration)', () => {
    const background = airAt(MILD_WEATHER, clean);
    const roadside = airAt(MILD_WEATHER, busyRoad);
    expect(roadside.o3).toBeLessThan(0.6 * background.o3);
    expect(roadside.no2).toBeGreaterThan(background.no2 + 20);
  });

  it('never titrates more ozone than there is', () => {
    const jammed = airAt({ ...MILD_WEATHER, solarRadiationWm2: 0 }, { ...busyRoad, nox: 5000 });
    expect(jammed.o3).toBeGreaterThanOrEqual(0);
    expect(jammed.no).toBeGreaterThan(0);
  });

  it('washes particles out in rain, but not NO2', () => {
    const dry = airAt(MILD_WEATHER, busyRoad);
    const wet = airAt({ ...MILD_WEATHER, precipitationMmH: 6 }, busyRoad);
    expect(wet.pm25).toBeLessThan(0.6 * dry.pm25);
    expect(wet.pm10).toBeLessThan(0.5 * dry.pm10);
    expect(wet.no2).toBeCloseTo(dry.no2, 6);
  });

  it('traps pollution under a low mixing layer in a calm, and clears it in a strong wind', () => {
    expect(stagnation({ ...MILD_WEATHER, windSpeedMs: 0.3, mixingHeightM: 150 })).toBeGreaterThan(5 * stagnation(MILD_WEATHER));
    expect(stagnation({ ...MILD_WEATHER, windSpeedMs: 10, mixingHeightM: 1500 })).toBeLessThan(0.5 * stagnation(MILD_WEATHER));
    expect(airAt({ ...MILD_WEATHER, windSpeedMs: 0.3, mixingHeightM: 150 }, clean).pm25).toBeGreaterThan(2 * airAt(MILD_WEATHER, clean).pm25);
  });

  it('loses ozone at night under a shallow layer', () => {
    expect(backgroundOzonePpb({ ...MILD_WEATHER, solarRadiationWm2: 0, mixingHeightM: 150 })).toBeLessThan(backgroundOzonePpb({ ...MILD_WEATHER, solarRadiationWm2: 0 }));
  });
});
