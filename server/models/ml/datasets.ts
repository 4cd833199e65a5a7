import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { WEATHER_VARS } from './features';
import type { Panel } from './panel';

/**
 * Readers of the public datasets in ../shared/data (tests and benchmarks only; the product never
 * depends on them). Each row is validated; a file that does not fit says which line.
 */
export const SHARED_DATA = join(process.cwd(), '..', 'shared', 'data');
export const dataPath = (...parts: string[]) => join(SHARED_DATA, ...parts);
export const hasData = (...parts: string[]) => existsSync(dataPath(...parts));

const HOUR = 3_600_000;
const num = z.coerce.number().finite();

/** Los-loop: 207 detectors × 2,016 five-minute speeds (mph), no timestamps: placed from Monday 2012-03-05 00:00 UTC. */
export function readLosLoop(file = dataPath('traffic', 'los_speed.csv')): Panel {
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const ids = lines[0].split(',').map((s) => s.trim());
  const length = lines.length - 1;
  const values = ids.map(() => new Float32Array(length));
  for (let k = 0; k < length; k++) {
    const cells = lines[k + 1].split(',');
    if (cells.length !== ids.length) throw new Error(`${file}:${k + 2}: ${cells.length} values, expected ${ids.length}`);
    cells.forEach((c, i) => {
      const v = num.safeParse(c);
      // Zero speed in this set marks a detector that reported nothing.
      values[i][k] = v.success && v.data > 0 ? v.data : NaN;
    });
  }
  return { ids, start: Date.UTC(2012, 2, 5), stepMs: 300_000, length, values };
}

/** PJM East hourly load (MW), `dd-mm-yyyy hh:mm`, sorted and de-duplicated, from `from` on. */
export function readPjme(from = Date.UTC(2014, 0, 1), file = dataPath('energy', 'pjme_hourly.csv')): Panel {
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/).slice(1);
  const byHour = new Map<number, number>();
  lines.forEach((line, n) => {
    const m = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2}),([\d.]+)$/.exec(line.trim());
    if (!m) throw new Error(`${file}:${n + 2}: not "dd-mm-yyyy hh:mm,MW": ${line.slice(0, 40)}`);
    const t = Date.UTC(+m[3], +m[2] - 1, +m[1], +m[4], +m[5]);
    if (t >= from) byHour.set(t, +m[6]);
  });
  const times = [...byHour.keys()].sort((a, b) => a - b);
  const start = times[0];
  const length = Math.round((times[times.length - 1] - start) / HOUR) + 1;
  const v = new Float32Array(length).fill(NaN);
  for (const t of times) v[Math.round((t - start) / HOUR)] = byHour.get(t) ?? NaN;
  return { ids: ['PJME'], start, stepMs: HOUR, length, values: [v] };
}

/** Beijing Aotizhongxin hourly PM2.5, NO2, O3 (µg/m³) and its weather (temperature, wind) as WEATHER_VARS rows. */
export function readBeijing(file = dataPath('air', 'beijing_aotizhongxin_2013_2017.csv')): { pm25: Panel; no2: Panel; o3: Panel; weather: Float32Array[] } {
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const head = lines[0].split(',').map((s) => s.replace(/"/g, ''));
  const col = (name: string) => {
    const i = head.indexOf(name);
    if (i < 0) throw new Error(`${file}: no column ${name}`);
    return i;
  };
  const [cy, cm, cd, ch, cp, cn, co, ct, cw] = ['year', 'month', 'day', 'hour', 'PM2.5', 'NO2', 'O3', 'TEMP', 'WSPM'].map(col);
  const rows = lines.slice(1).map((l) => l.split(','));
  const t0 = Date.UTC(+rows[0][cy], +rows[0][cm] - 1, +rows[0][cd], +rows[0][ch]);
  const length = rows.length;
  const mk = () => new Float32Array(length).fill(NaN);
  const [pm, no2, o3, temp, wind] = [mk(), mk(), mk(), mk(), mk()];
  for (const r of rows) {
    const k = Math.round((Date.UTC(+r[cy], +r[cm] - 1, +r[cd], +r[ch]) - t0) / HOUR);
    if (k < 0 || k >= length) continue;
    const val = (c: number) => {
      const p = num.safeParse(r[c]);
      return p.success && r[c] !== 'NA' ? p.data : NaN;
    };
    [pm[k], no2[k], o3[k], temp[k], wind[k]] = [val(cp), val(cn), val(co), val(ct), val(cw)];
  }
  const panel = (v: Float32Array): Panel => ({ ids: ['Aotizhongxin'], start: t0, stepMs: HOUR, length, values: [v] });
  const weather = WEATHER_VARS.map((w) => (w === 'temperatureC' ? temp : w === 'windSpeedMs' ? wind : new Float32Array(length).fill(NaN)));
  return { pm25: panel(pm), no2: panel(no2), o3: panel(o3), weather };
}
