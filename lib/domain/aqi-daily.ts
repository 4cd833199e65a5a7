import type { AqiStandard, Pollutant } from '../protocol/air';
import type { AqiInput } from './aqi';

/** One hour's mean concentrations at a station (µg/m³, CO mg/m³); null or absent when not measured. */
export type HourlyMeans = Partial<Record<Pollutant, number | null>>;

/**
 * Valid hours a 24-hour mean needs: EPA 75 % (18 of 24); GB 3095-2012 §8 (which HJ 633
 * applies) 20. An 8-hour mean needs 6 valid hours under both, and the day's O3 8-hour maximum
 * needs 14 valid 8-hour means (GB 3095) or 75 % of the windows (EPA, 13 of 17).
 */
const MIN_HOURS_24H: Record<AqiStandard, number> = { 'us-epa': 18, 'cn-hj633': 20 };
const MIN_HOURS_8H = 6;
const MIN_WINDOWS_8H: Record<AqiStandard, number> = { 'us-epa': 13, 'cn-hj633': 14 };

const valid = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function mean24(hours: readonly HourlyMeans[], p: Pollutant, min: number): number | undefined {
  const vs = hours.map((h) => h[p]).filter(valid);
  return vs.length >= min ? vs.reduce((a, b) => a + b, 0) / vs.length : undefined;
}

function max1(hours: readonly HourlyMeans[], p: Pollutant, min: number): number | undefined {
  const vs = hours.map((h) => h[p]).filter(valid);
  return vs.length >= min ? Math.max(...vs) : undefined;
}

/** Largest 8-hour moving mean ending within the day (windows ending 07:00–23:00, 17 of them). */
function max8(hours: readonly HourlyMeans[], p: Pollutant, minWindows: number): number | undefined {
  let best: number | undefined;
  let windows = 0;
  for (let end = 7; end < hours.length; end++) {
    const vs = hours.slice(end - 7, end + 1).map((h) => h[p]).filter(valid);
    if (vs.length < MIN_HOURS_8H) continue;
    windows++;
    const m = vs.reduce((a, b) => a + b, 0) / vs.length;
    if (best === undefined || m > best) best = m;
  }
  return windows >= minWindows ? best : undefined;
}

/**
 * The metrics of a day's AQI report from its 24 hourly means (index = hour of day). EPA daily
 * AQI: PM 24-hour means, the day's highest NO2 1-hour, O3 8-hour and 1-hour and CO 8-hour
 * values. HJ 633 daily report (日报): 24-hour means of PM, NO2 and CO, and the day's highest O3
 * 1-hour and 8-hour means. A metric without enough valid data is left out.
 */
export function dailyAqiInput(standard: AqiStandard, hours: readonly HourlyMeans[]): AqiInput {
  const min = MIN_HOURS_24H[standard];
  const w = MIN_WINDOWS_8H[standard];
  const out: AqiInput =
    standard === 'us-epa'
      ? {
          pm25_24h: mean24(hours, 'pm25', min),
          pm10_24h: mean24(hours, 'pm10', min),
          no2_1h: max1(hours, 'no2', min),
          o3_8h: max8(hours, 'o3', w),
          o3_1h: max1(hours, 'o3', min),
          co_8h: max8(hours, 'co', w),
        }
      : {
          pm25_24h: mean24(hours, 'pm25', min),
          pm10_24h: mean24(hours, 'pm10', min),
          no2_24h: mean24(hours, 'no2', min),
          co_24h: mean24(hours, 'co', min),
          o3_1h: max1(hours, 'o3', min),
          o3_8h: max8(hours, 'o3', w),
        };
  for (const k of Object.keys(out) as (keyof AqiInput)[]) if (out[k] === undefined) delete out[k];
  return out;
}
