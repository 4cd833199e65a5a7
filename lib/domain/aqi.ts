import type { AqiStandard, Pollutant } from '../protocol/air';

/**
 * Air Quality Index under two standards:
 *
 * - **us-epa**: US EPA AQI, Technical Assistance Document EPA-454/B-24-002 (May 2024), Table 6,
 *   with the PM2.5 breakpoints of the February 2024 revision (89 FR 16202): concentrations are
 *   truncated (O3 to 0.001 ppm, PM2.5 and CO to 0.1, PM10 and NO2 to 1) before the linear
 *   equation, and the index is rounded to the nearest integer.
 * - **cn-hj633**: China HJ 633-2012 (环境空气质量指数（AQI）技术规定（试行）), Table 1: each
 *   IAQI is rounded up to an integer (进位取整); AQI is the largest IAQI.
 *
 * Inputs are what the city measures: µg/m³, CO in mg/m³. The EPA tables are in ppm/ppb; gases
 * are converted at 25 °C and 1 atm (molar volume 24.45 L/mol), see `toPpb` / `toPpm`.
 */

/** A concentration averaged over the period a standard's table is defined for. */
export const aqiMetrics = [
  'pm25_1h',
  'pm25_24h',
  'pm10_1h',
  'pm10_24h',
  'no2_1h',
  'no2_24h',
  'o3_1h',
  'o3_8h',
  'co_1h',
  'co_8h',
  'co_24h',
] as const;
export type AqiMetric = (typeof aqiMetrics)[number];
/** µg/m³ (CO: mg/m³) per metric; a metric the standard has no table for is ignored. */
export type AqiInput = Partial<Record<AqiMetric, number>>;

export type AqiLevel = 1 | 2 | 3 | 4 | 5 | 6;

export interface SubIndex {
  metric: AqiMetric;
  pollutant: Pollutant;
  value: number;
}

export interface AqiResult {
  standard: AqiStandard;
  aqi: number;
  level: AqiLevel;
  label: { en: string; zh: string };
  /** The pollutant with the highest sub-index (ties: the earlier of pm25, pm10, o3, no2, co). */
  dominant: Pollutant;
  subIndices: SubIndex[];
}

/** Molar masses (g/mol) and the molar volume at 25 °C, 1 atm (L/mol). */
const MOLAR_VOLUME_L = 24.45;
const MOLAR_MASS = { no2: 46.0055, o3: 47.9982, co: 28.0101 } as const;
/** µg/m³ → ppb: NO2 1 ppb = 1.882 µg/m³, O3 1 ppb = 1.963 µg/m³ (at 25 °C). */
export const toPpb = (ugm3: number, gas: 'no2' | 'o3'): number => (ugm3 * MOLAR_VOLUME_L) / MOLAR_MASS[gas];
/** O3 µg/m³ → ppm; CO mg/m³ → ppm (CO 1 ppm = 1.146 mg/m³ at 25 °C). */
export const toPpm = (value: number, gas: 'o3' | 'co'): number =>
  gas === 'o3' ? toPpb(value, 'o3') / 1000 : (value * MOLAR_VOLUME_L) / MOLAR_MASS.co;

const pollutantOf = (m: AqiMetric): Pollutant => m.slice(0, m.indexOf('_')) as Pollutant;

/** [concentration low, concentration high, index low, index high] in the table's own unit. */
type Band = readonly [number, number, number, number];
interface UsTable {
  /** The input in the table's unit. */
  convert: (v: number) => number;
  /** Decimals kept by truncation (EPA TAD: "truncated, not rounded"). */
  decimals: number;
  bands: readonly Band[];
}

const US: Partial<Record<AqiMetric, UsTable>> = {
  pm25_24h: {
    convert: (v) => v,
    decimals: 1,
    bands: [
      [0, 9.0, 0, 50],
      [9.1, 35.4, 51, 100],
      [35.5, 55.4, 101, 150],
      [55.5, 125.4, 151, 200],
      [125.5, 225.4, 201, 300],
      [225.5, 325.4, 301, 500],
    ],
  },
  pm10_24h: {
    convert: (v) => v,
    decimals: 0,
    bands: [
      [0, 54, 0, 50],
      [55, 154, 51, 100],
      [155, 254, 101, 150],
      [255, 354, 151, 200],
      [355, 424, 201, 300],
      [425, 604, 301, 500],
    ],
  },
  no2_1h: {
    convert: (v) => toPpb(v, 'no2'),
    decimals: 0,
    bands: [
      [0, 53, 0, 50],
      [54, 100, 51, 100],
      [101, 360, 101, 150],
      [361, 649, 151, 200],
      [650, 1249, 201, 300],
      [1250, 2049, 301, 500],
    ],
  },
  o3_8h: {
    convert: (v) => toPpm(v, 'o3'),
    decimals: 3,
    bands: [
      [0, 0.054, 0, 50],
      [0.055, 0.07, 51, 100],
      [0.071, 0.085, 101, 150],
      [0.086, 0.105, 151, 200],
      [0.106, 0.2, 201, 300],
    ],
  },
  o3_1h: {
    convert: (v) => toPpm(v, 'o3'),
    decimals: 3,
    bands: [
      [0.125, 0.164, 101, 150],
      [0.165, 0.204, 151, 200],
      [0.205, 0.404, 201, 300],
      [0.405, 0.604, 301, 500],
    ],
  },
  co_8h: {
    convert: (v) => toPpm(v, 'co'),
    decimals: 1,
    bands: [
      [0, 4.4, 0, 50],
      [4.5, 9.4, 51, 100],
      [9.5, 12.4, 101, 150],
      [12.5, 15.4, 151, 200],
      [15.5, 30.4, 201, 300],
      [30.5, 50.4, 301, 500],
    ],
  },
};

/** The schema's ceiling; the EPA calls values above 500 "beyond the AQI". */
const US_MAX = 999;
// Float noise: 0.057 * 1000 is 56.99999…; a nudge keeps truncation and rounding exact.
const EPS = 1e-9;
const truncate = (v: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.floor(v * f + EPS) / f;
};

function usSubIndex(metric: AqiMetric, value: number, input: AqiInput): number | null {
  const table = US[metric];
  if (!table) return null;
  const c = truncate(table.convert(value), table.decimals);
  const bands = table.bands;
  // 1-hour O3 below 0.125 ppm has no index: the 8-hour value speaks for it.
  if (c < bands[0][0]) return null;
  // 8-hour O3 cannot define values of 301 and above (TAD Table 6, note 2): the 1-hour value
  // does; without one the top of the 8-hour table is reported, a floor.
  if (metric === 'o3_8h' && c > 0.2) return input.o3_1h !== undefined ? null : 300;
  const band = bands.find((b) => c <= b[1]) ?? bands[bands.length - 1];
  const [cLo, cHi, iLo, iHi] = band;
  // Above the table the TAD allows the last band's line to be extended.
  const index = ((iHi - iLo) / (cHi - cLo)) * (c - cLo) + iLo;
  return Math.min(US_MAX, Math.round(index + EPS));
}

/** HJ 633-2012 Table 1: concentration limits at IAQI 0, 50, 100, 150, 200, 300, 400, 500. */
const CN_IAQI = [0, 50, 100, 150, 200, 300, 400, 500] as const;
const CN_PM25 = [0, 35, 75, 115, 150, 250, 350, 500];
const CN_PM10 = [0, 50, 150, 250, 350, 420, 500, 600];
const CN: Partial<Record<AqiMetric, readonly number[]>> = {
  // PM has 24-hour limits only; hourly (real-time) reports apply them to 1-hour means.
  pm25_24h: CN_PM25,
  pm25_1h: CN_PM25,
  pm10_24h: CN_PM10,
  pm10_1h: CN_PM10,
  no2_24h: [0, 40, 80, 180, 280, 565, 750, 940],
  no2_1h: [0, 100, 200, 700, 1200, 2340, 3090, 3840],
  co_24h: [0, 2, 4, 14, 24, 36, 48, 60],
  co_1h: [0, 5, 10, 35, 60, 90, 120, 150],
  o3_1h: [0, 160, 200, 300, 400, 800, 1000, 1200],
  o3_8h: [0, 100, 160, 215, 265, 800],
};

function cnSubIndex(metric: AqiMetric, value: number, input: AqiInput): number | null {
  const limits = CN[metric];
  if (!limits) return null;
  const top = limits[limits.length - 1];
  if (metric === 'o3_8h' && value > top) {
    // Table 1 note: O3 8-hour means above 800 are not indexed; the 1-hour IAQI is reported.
    // Without one, the top of the 8-hour table (300) stands as a floor.
    return input.o3_1h !== undefined ? null : 300;
  }
  if (value >= top) return CN_IAQI[limits.length - 1];
  let k = 1;
  while (value > limits[k]) k++;
  const index = ((CN_IAQI[k] - CN_IAQI[k - 1]) / (limits[k] - limits[k - 1])) * (value - limits[k - 1]) + CN_IAQI[k - 1];
  return Math.ceil(index - EPS);
}

/** Level 1–6 of an index: both standards split at 50, 100, 150, 200 and 300. */
export function aqiLevelOf(aqi: number): AqiLevel {
  if (aqi <= 50) return 1;
  if (aqi <= 100) return 2;
  if (aqi <= 150) return 3;
  if (aqi <= 200) return 4;
  if (aqi <= 300) return 5;
  return 6;
}

/** What each standard calls its six levels, in English and Chinese. */
export const aqiLabels: Record<AqiStandard, ReadonlyArray<{ en: string; zh: string }>> = {
  'us-epa': [
    { en: 'Good', zh: '良好' },
    { en: 'Moderate', zh: '中等' },
    { en: 'Unhealthy for Sensitive Groups', zh: '对敏感人群不健康' },
    { en: 'Unhealthy', zh: '不健康' },
    { en: 'Very Unhealthy', zh: '非常不健康' },
    { en: 'Hazardous', zh: '危险' },
  ],
  'cn-hj633': [
    { en: 'Excellent', zh: '优' },
    { en: 'Good', zh: '良' },
    { en: 'Lightly Polluted', zh: '轻度污染' },
    { en: 'Moderately Polluted', zh: '中度污染' },
    { en: 'Heavily Polluted', zh: '重度污染' },
    { en: 'Severely Polluted', zh: '严重污染' },
  ],
};

const DOMINANCE_ORDER: readonly Pollutant[] = ['pm25', 'pm10', 'o3', 'no2', 'co'];

/**
 * The AQI of the concentrations given, under a standard: the largest sub-index of the metrics
 * that standard has a table for. Give the metrics of the report being made (a daily report:
 * 24-hour means and the day's O3 maxima; see `realtimeAqiInput` for the live one). Null when
 * no metric given can be indexed; negative or non-finite values are refused.
 */
export function computeAqi(standard: AqiStandard, input: AqiInput): AqiResult | null {
  const subIndices: SubIndex[] = [];
  for (const metric of aqiMetrics) {
    const value = input[metric];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${metric}: concentration must be a finite number ≥ 0, got ${value}`);
    const index = standard === 'us-epa' ? usSubIndex(metric, value, input) : cnSubIndex(metric, value, input);
    if (index !== null) subIndices.push({ metric, pollutant: pollutantOf(metric), value: index });
  }
  if (!subIndices.length) return null;
  let best = subIndices[0];
  for (const s of subIndices)
    if (s.value > best.value || (s.value === best.value && DOMINANCE_ORDER.indexOf(s.pollutant) < DOMINANCE_ORDER.indexOf(best.pollutant))) best = s;
  const level = aqiLevelOf(best.value);
  return { standard, aqi: best.value, level, label: aqiLabels[standard][level - 1], dominant: best.pollutant, subIndices };
}

/** Trailing means of a station's readings (µg/m³, CO mg/m³) over 1, 8 and 24 hours. */
export type TrailingMeans = Record<'h1' | 'h8' | 'h24', Record<Pollutant, number>>;

/**
 * The metrics a live (hourly) report uses under each standard. EPA: PM as 24-hour means (the
 * NowCast's place, approximated by the trailing mean), NO2 1-hour, O3 8-hour and 1-hour, CO
 * 8-hour. HJ 633 real-time report (实时报): 1-hour means of every pollutant, PM against its
 * 24-hour limits, plus the O3 8-hour moving mean.
 */
export function realtimeAqiInput(standard: AqiStandard, m: TrailingMeans): AqiInput {
  if (standard === 'us-epa')
    return { pm25_24h: m.h24.pm25, pm10_24h: m.h24.pm10, no2_1h: m.h1.no2, o3_8h: m.h8.o3, o3_1h: m.h1.o3, co_8h: m.h8.co };
  return { pm25_1h: m.h1.pm25, pm10_1h: m.h1.pm10, no2_1h: m.h1.no2, o3_1h: m.h1.o3, o3_8h: m.h8.o3, co_1h: m.h1.co };
}

/**
 * The AQI of forecast hourly concentrations: the hour's values stand in for the running means
 * each standard's live report uses (a documented approximation; a forecast has no trailing window).
 */
export function forecastAqi(standard: AqiStandard, pm25: number, no2: number, o3: number): AqiResult | null {
  const input: AqiInput = standard === 'us-epa' ? { pm25_24h: pm25, no2_1h: no2, o3_8h: o3, o3_1h: o3 } : { pm25_1h: pm25, no2_1h: no2, o3_1h: o3, o3_8h: o3 };
  return computeAqi(standard, input);
}
