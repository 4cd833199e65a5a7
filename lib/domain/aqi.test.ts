import { describe, expect, it } from 'vitest';
import { aqiLevelOf, computeAqi, realtimeAqiInput, toPpb, toPpm, type AqiInput } from './aqi';

// Test inputs are given in the standards' own units and converted to what the city measures.
const no2FromPpb = (ppb: number) => (ppb * 46.0055) / 24.45;
const o3FromPpm = (ppm: number) => (ppm * 1000 * 47.9982) / 24.45;
const coFromPpm = (ppm: number) => (ppm * 28.0101) / 24.45;

const us = (input: AqiInput) => computeAqi('us-epa', input);
const cn = (input: AqiInput) => computeAqi('cn-hj633', input);

describe('gas conversions at 25 °C', () => {
  it('take 1 ppb of NO2 as 1.88 µg/m³ and of O3 as 1.96 µg/m³', () => {
    expect(toPpb(1.8816, 'no2')).toBeCloseTo(1, 3);
    expect(toPpb(1.9631, 'o3')).toBeCloseTo(1, 3);
  });

  it('take 1 ppm of CO as 1.146 mg/m³', () => {
    expect(toPpm(1.1456, 'co')).toBeCloseTo(1, 3);
  });
});

describe('the US EPA AQI (TAD EPA-454/B-24-002, 2024 PM2.5 breakpoints)', () => {
  it.each([
    [9.0, 50],
    [9.1, 51],
    [35.4, 100],
    [35.5, 101],
    [55.4, 150],
    [55.5, 151],
    [125.4, 200],
    [125.5, 201],
    [225.4, 300],
    [225.5, 301],
    [325.4, 500],
  ])('maps PM2.5 %f µg/m³ (a 2024 breakpoint) to %i', (pm25, aqi) => {
    expect(us({ pm25_24h: pm25 })?.aqi).toBe(aqi);
  });

  it('puts 12.0 µg/m³ of PM2.5 in Moderate, where the pre-2024 table had it at 50', () => {
    // (100 − 51) / (35.4 − 9.1) × (12.0 − 9.1) + 51 = 56.4 → 56
    expect(us({ pm25_24h: 12.0 })).toMatchObject({ aqi: 56, level: 2, label: { en: 'Moderate' } });
  });

  it('truncates PM2.5 to 0.1 µg/m³ before the equation, so 9.09 is still Good', () => {
    expect(us({ pm25_24h: 9.09 })?.aqi).toBe(50);
  });

  it('reproduces the TAD multi-pollutant example: O3 0.07853333 ppm, PM2.5 35.9, CO 8.4 ppm give 126 for ozone', () => {
    // O3 truncated to 0.078: 49 / 0.014 × 0.007 + 101 = 125.5 → 126; PM2.5 35.9 → 102; CO 8.4 → 90.
    const r = us({ o3_8h: o3FromPpm(0.07853333), pm25_24h: 35.9, co_8h: coFromPpm(8.4) });
    expect(r).toMatchObject({ aqi: 126, dominant: 'o3', level: 3 });
    expect(Object.fromEntries(r!.subIndices.map((s) => [s.metric, s.value]))).toEqual({ pm25_24h: 102, o3_8h: 126, co_8h: 90 });
  });

  it.each([
    [53, 50],
    [54, 51],
    [100, 100],
    [101, 101],
    [360, 150],
    [649, 200],
    [1249, 300],
    [2049, 500],
  ])('maps 1-hour NO2 of %i ppb to %i', (ppb, aqi) => {
    expect(us({ no2_1h: no2FromPpb(ppb) })?.aqi).toBe(aqi);
  });

  it.each([
    [4.4, 50],
    [4.5, 51],
    [9.4, 100],
    [12.4, 150],
    [15.4, 200],
    [30.4, 300],
    [50.4, 500],
  ])('maps 8-hour CO of %f ppm to %i', (ppm, aqi) => {
    expect(us({ co_8h: coFromPpm(ppm) })?.aqi).toBe(aqi);
  });

  it.each([
    [54, 50],
    [55, 51],
    [154, 100],
    [425, 301],
    [604, 500],
  ])('maps 24-hour PM10 of %i µg/m³ to %i', (pm10, aqi) => {
    expect(us({ pm10_24h: pm10 })?.aqi).toBe(aqi);
  });

  it('gives no index for 1-hour O3 below 0.125 ppm', () => {
    expect(us({ o3_1h: o3FromPpm(0.124) })).toBeNull();
  });

  it('reports the larger of the 8-hour and 1-hour O3 indices', () => {
    // 8-hour 0.060 ppm → 67; 1-hour 0.125 ppm → 101.
    const r = us({ o3_8h: o3FromPpm(0.06), o3_1h: o3FromPpm(0.125) });
    expect(r).toMatchObject({ aqi: 101, dominant: 'o3' });
  });

  it('lets only the 1-hour O3 value define indices above 300', () => {
    // 8-hour 0.25 ppm has no index of its own; 1-hour 0.410 ppm → 199 / 0.199 × 0.005 + 301 = 306.
    expect(us({ o3_8h: o3FromPpm(0.25), o3_1h: o3FromPpm(0.41) })?.aqi).toBe(306);
    expect(us({ o3_8h: o3FromPpm(0.25) })?.aqi).toBe(300);
  });

  it('extends the last band above 500 ("beyond the AQI") and caps at 999', () => {
    // 199 / 99.9 × (400 − 225.5) + 301 = 648.6 → 649
    expect(us({ pm25_24h: 400 })).toMatchObject({ aqi: 649, level: 6, label: { en: 'Hazardous', zh: '危险' } });
    expect(us({ pm25_24h: 1999 })?.aqi).toBe(999);
  });

  it('ignores metrics the EPA has no table for', () => {
    expect(us({ no2_24h: 500, co_1h: 50 })).toBeNull();
  });
});

describe('the China AQI (HJ 633-2012, Table 1)', () => {
  it.each([
    [35, 50],
    [75, 100],
    [115, 150],
    [150, 200],
    [250, 300],
    [350, 400],
    [500, 500],
  ])('maps 24-hour PM2.5 of %i µg/m³ (a Table 1 limit) to IAQI %i', (pm25, aqi) => {
    expect(cn({ pm25_24h: pm25 })?.aqi).toBe(aqi);
  });

  it('rounds every IAQI up to an integer (进位取整)', () => {
    // 50 + 50 / 40 × (35.1 − 35) = 50.125 → 51
    expect(cn({ pm25_24h: 35.1 })?.aqi).toBe(51);
    // 50 + 50 / 40 × (36 − 35) = 51.25 → 52
    expect(cn({ pm25_24h: 36 })?.aqi).toBe(52);
  });

  it.each([
    ['no2_24h', 80, 100],
    ['no2_1h', 200, 100],
    ['no2_1h', 1200, 200],
    ['co_24h', 4, 100],
    ['co_1h', 10, 100],
    ['o3_1h', 200, 100],
    ['o3_8h', 160, 100],
    ['o3_8h', 265, 200],
    ['pm10_24h', 150, 100],
    ['pm10_1h', 420, 300],
  ] as const)('maps %s of %f to IAQI %i', (metric, value, aqi) => {
    expect(cn({ [metric]: value })?.aqi).toBe(aqi);
  });

  it('indexes a polluted winter day: PM2.5 160, PM10 200, NO2 70, CO 1.8, O3 8-h 40 give 210, heavily polluted, PM2.5 first', () => {
    // PM2.5: 200 + 100/100 × 10 = 210; PM10: 100 + 50/100 × 50 = 125; NO2: 50 + 50/40 × 30 = 87.5 → 88.
    const r = cn({ pm25_24h: 160, pm10_24h: 200, no2_24h: 70, co_24h: 1.8, o3_8h: 40 });
    expect(r).toMatchObject({ aqi: 210, level: 5, dominant: 'pm25', label: { en: 'Heavily Polluted', zh: '重度污染' } });
    expect(r?.subIndices.find((s) => s.pollutant === 'no2')?.value).toBe(88);
  });

  it('reports O3 by its 1-hour IAQI when the 8-hour mean is above 800 µg/m³', () => {
    // 1-hour 900: 300 + 100/200 × 100 = 350
    expect(cn({ o3_8h: 801, o3_1h: 900 })?.aqi).toBe(350);
    expect(cn({ o3_8h: 801 })?.aqi).toBe(300);
  });

  it('caps IAQI at 500 above the last limit', () => {
    expect(cn({ pm25_24h: 900 })).toMatchObject({ aqi: 500, level: 6, label: { zh: '严重污染' } });
  });

  it('ignores metrics HJ 633 has no table for', () => {
    expect(cn({ co_8h: 30 })).toBeNull();
  });
});

describe('AQI levels', () => {
  it.each([
    [0, 1],
    [50, 1],
    [51, 2],
    [100, 2],
    [101, 3],
    [150, 3],
    [151, 4],
    [200, 4],
    [201, 5],
    [300, 5],
    [301, 6],
    [999, 6],
  ])('put index %i in level %i', (aqi, level) => {
    expect(aqiLevelOf(aqi)).toBe(level);
  });

  it('name the first level Good under the EPA and 优 under HJ 633', () => {
    expect(us({ pm25_24h: 1 })?.label).toEqual({ en: 'Good', zh: '良好' });
    expect(cn({ pm25_24h: 1 })?.label).toEqual({ en: 'Excellent', zh: '优' });
  });

  it('break ties for the dominant pollutant in a fixed order, PM2.5 first', () => {
    expect(cn({ pm25_24h: 75, pm10_24h: 150 })?.dominant).toBe('pm25');
  });
});

describe('computing an AQI', () => {
  it('refuses a negative concentration, naming the metric', () => {
    expect(() => us({ pm25_24h: -1 })).toThrow(/pm25_24h/);
  });

  it('returns null when nothing can be indexed', () => {
    expect(us({})).toBeNull();
  });
});

describe('the live report metrics', () => {
  const means = {
    h1: { pm25: 10, pm10: 20, no2: 30, o3: 40, co: 0.5 },
    h8: { pm25: 11, pm10: 21, no2: 31, o3: 41, co: 0.6 },
    h24: { pm25: 12, pm10: 22, no2: 32, o3: 42, co: 0.7 },
  };

  it('use PM 24-hour, NO2 1-hour, O3 8- and 1-hour and CO 8-hour means under the EPA', () => {
    expect(realtimeAqiInput('us-epa', means)).toEqual({ pm25_24h: 12, pm10_24h: 22, no2_1h: 30, o3_8h: 41, o3_1h: 40, co_8h: 0.6 });
  });

  it('use 1-hour means and the O3 8-hour mean under HJ 633', () => {
    expect(realtimeAqiInput('cn-hj633', means)).toEqual({ pm25_1h: 10, pm10_1h: 20, no2_1h: 30, o3_1h: 40, o3_8h: 41, co_1h: 0.5 });
  });
});
