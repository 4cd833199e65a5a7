import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CITY_CENTER, generateCity } from '../city';
import { weatherAt } from '../weather';
import { generateGrid } from './network';
import { GridSim } from './sim';

// Real data: hourly PJM East load 2002–2018 (../shared/data/energy, see its README). Absent on a fresh clone.
const PJME = fileURLToPath(new URL('../../../../shared/data/energy/pjme_hourly.csv', import.meta.url));
const present = existsSync(PJME);
if (!present) console.log(`skipping the PJM East load-shape comparison: ${PJME} not found`);

const isWeekday = (t: number) => [1, 2, 3, 4, 5].includes(new Date(t).getUTCDay());

/** Mean weekday load by hour of the day (hour-beginning), from `dd-mm-yyyy hh:mm,MW` rows (hour-ending). */
function pjmWeekdayProfile(csv: string): number[] {
  const sum = new Array<number>(24).fill(0);
  const count = new Array<number>(24).fill(0);
  for (const line of csv.split('\n')) {
    const m = /^(\d\d)-(\d\d)-(\d{4}) (\d\d):\d\d,([\d.]+)/.exec(line);
    if (!m || !isWeekday(Date.UTC(+m[3], +m[2] - 1, +m[1]))) continue;
    const hour = (+m[4] + 23) % 24;
    sum[hour] += +m[5];
    count[hour]++;
  }
  return sum.map((s, h) => s / count[h]);
}

/** Mean weekday demand of the whole twin grid by hour, over a year of its own weather (every other day). */
function twinWeekdayProfile(): number[] {
  const grid = generateGrid(generateCity({ seed: 42, size: 2000 }), 42);
  const sum = new Array<number>(24).fill(0);
  const start = Date.UTC(2026, 0, 1);
  for (let d = 0; d < 365; d += 2) {
    for (let h = 0; h < 24; h++) {
      const t = start + d * 86_400_000 + (h + 0.5) * 3_600_000;
      if (!isWeekday(t)) continue;
      const sim = new GridSim(grid, 42, t);
      sim.step(t, weatherAt(t, 42, CITY_CENTER));
      sum[h] += sim.demandKw.reduce((a, b) => a + b, 0);
    }
  }
  return sum;
}

function correlation(a: number[], b: number[]): number {
  const mean = (v: number[]) => v.reduce((x, y) => x + y, 0) / v.length;
  const [ma, mb] = [mean(a), mean(b)];
  let [ab, aa, bb] = [0, 0, 0];
  a.forEach((_, i) => {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  });
  return ab / Math.sqrt(aa * bb);
}

describe('the twin grid against real load (PJM East)', () => {
  it.skipIf(!present)('has a weekday daily load shape that correlates with the real one (r > 0.7)', () => {
    const real = pjmWeekdayProfile(readFileSync(PJME, 'utf8'));
    const twin = twinWeekdayProfile();
    const r = correlation(real, twin);
    console.log(`twin vs PJM East mean weekday hourly load profile: r = ${r.toFixed(3)}`);
    expect(r).toBeGreaterThan(0.7);
    // Both peak in the early evening and bottom out before dawn.
    const argmax = (v: number[]) => v.indexOf(Math.max(...v));
    const argmin = (v: number[]) => v.indexOf(Math.min(...v));
    expect(Math.abs(argmax(twin) - argmax(real))).toBeLessThanOrEqual(2);
    expect(Math.abs(argmin(twin) - argmin(real))).toBeLessThanOrEqual(2);
  });
});
