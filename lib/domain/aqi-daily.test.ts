import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Pollutant } from '../protocol/air';
import { computeAqi, realtimeAqiInput, type AqiLevel } from './aqi';
import { dailyAqiInput, type HourlyMeans } from './aqi-daily';

const day = (fill: (h: number) => HourlyMeans): HourlyMeans[] => Array.from({ length: 24 }, (_, h) => fill(h));

describe('a day’s AQI metrics', () => {
  it('take the 24-hour mean of PM2.5 under both standards', () => {
    const hours = day((h) => ({ pm25: h < 12 ? 10 : 30 }));
    expect(dailyAqiInput('us-epa', hours).pm25_24h).toBe(20);
    expect(dailyAqiInput('cn-hj633', hours).pm25_24h).toBe(20);
  });

  it('leave out a 24-hour mean with fewer valid hours than the standard needs (EPA 18, HJ 633 20)', () => {
    const hours = day((h) => ({ pm25: h < 19 ? 10 : null }));
    expect(dailyAqiInput('us-epa', hours).pm25_24h).toBe(10);
    expect(dailyAqiInput('cn-hj633', hours).pm25_24h).toBeUndefined();
  });

  it('take the day’s highest 8-hour O3 mean, ending within the day', () => {
    // O3 200 from 12:00 to 19:00, 50 otherwise: the 12:00–19:00 window averages 200.
    const hours = day((h) => ({ o3: h >= 12 && h <= 19 ? 200 : 50 }));
    expect(dailyAqiInput('cn-hj633', hours).o3_8h).toBe(200);
    expect(dailyAqiInput('cn-hj633', hours).o3_1h).toBe(200);
  });

  it('use the highest NO2 hour under the EPA and the 24-hour mean under HJ 633', () => {
    const hours = day((h) => ({ no2: h === 8 ? 240 : 0 }));
    expect(dailyAqiInput('us-epa', hours).no2_1h).toBe(240);
    expect(dailyAqiInput('cn-hj633', hours).no2_24h).toBe(10);
  });
});

/**
 * Real data: hourly concentrations at Beijing Aotizhongxin (UCI "Beijing Multi-Site Air
 * Quality", see ../shared/data/README.md). CO there is in µg/m³.
 */
const BEIJING = new URL('../../../shared/data/air/beijing_aotizhongxin_2013_2017.csv', import.meta.url);
const haveBeijing = existsSync(BEIJING);
if (!haveBeijing) console.log(`skipping the Beijing AQI tests: ${BEIJING.pathname} is absent`);

interface Row {
  date: string;
  hour: number;
  values: Record<Pollutant, number | null>;
}

function readBeijing(): Row[] {
  const lines = readFileSync(BEIJING, 'utf8').trim().split('\n');
  const header = lines[0].split(',').map((h) => h.replaceAll('"', ''));
  const col = (name: string) => header.indexOf(name);
  const [iy, im, id, ih] = [col('year'), col('month'), col('day'), col('hour')];
  const cols: Record<Pollutant, [number, number]> = {
    pm25: [col('PM2.5'), 1],
    pm10: [col('PM10'), 1],
    no2: [col('NO2'), 1],
    o3: [col('O3'), 1],
    co: [col('CO'), 1 / 1000],
  };
  return lines.slice(1).map((line) => {
    const f = line.split(',');
    const num = ([i, scale]: [number, number]) => (f[i] === 'NA' || f[i] === '' ? null : Number(f[i]) * scale);
    return {
      date: `${f[iy]}-${f[im].padStart(2, '0')}-${f[id].padStart(2, '0')}`,
      hour: Number(f[ih]),
      values: { pm25: num(cols.pm25), pm10: num(cols.pm10), no2: num(cols.no2), o3: num(cols.o3), co: num(cols.co) },
    };
  });
}

describe.skipIf(!haveBeijing)('AQI over real Beijing data (Aotizhongxin, 2014)', () => {
  const rows = haveBeijing ? readBeijing() : [];
  const days = new Map<string, HourlyMeans[]>();
  for (const r of rows) {
    if (!r.date.startsWith('2014-')) continue;
    const hours = days.get(r.date) ?? day(() => ({}));
    hours[r.hour] = r.values;
    days.set(r.date, hours);
  }

  const levelCounts = (standard: 'us-epa' | 'cn-hj633') => {
    const counts: Record<AqiLevel, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0 };
    const dominant: Partial<Record<Pollutant, number>> = {};
    let indexed = 0;
    for (const hours of days.values()) {
      const r = computeAqi(standard, dailyAqiInput(standard, hours));
      if (!r) continue;
      indexed++;
      counts[r.level]++;
      dominant[r.dominant] = (dominant[r.dominant] ?? 0) + 1;
    }
    return { counts, dominant, indexed };
  };

  it('computes an AQI for every hourly row with values, under both standards, within range', () => {
    let computed = 0;
    let indexedAll = 0;
    for (const r of rows) {
      if (Object.values(r.values).every((x) => x === null)) continue;
      // Taken as 1-, 8- and 24-hour means alike: this checks the formulas over real values.
      const h = r.values as Record<Pollutant, number>;
      for (const standard of ['us-epa', 'cn-hj633'] as const) {
        const input = Object.fromEntries(Object.entries(realtimeAqiInput(standard, { h1: h, h8: h, h24: h })).filter(([, v]) => v !== null));
        const result = computeAqi(standard, input);
        if (!result) continue;
        indexedAll++;
        expect(result.aqi).toBeGreaterThanOrEqual(0);
        expect(result.aqi).toBeLessThanOrEqual(999);
      }
      computed++;
    }
    console.log(`Beijing: ${computed} of ${rows.length} hourly rows have values; ${indexedAll} indices computed under the two standards`);
    expect(computed).toBeGreaterThan(34_000);
    // A row with values lacks an index only when all it has is 1-hour O3 below the EPA table.
    expect(indexedAll).toBeGreaterThan(2 * computed - 50);
  });

  it('indexes nearly every day of 2014 under both standards', () => {
    expect(days.size).toBe(365);
    expect(levelCounts('us-epa').indexed).toBeGreaterThanOrEqual(330);
    expect(levelCounts('cn-hj633').indexed).toBeGreaterThanOrEqual(330);
  });

  it('gives China-standard category counts like Beijing’s published 2014 figures (about half the days 优/良, about one in eight heavily or severely polluted)', () => {
    const { counts, indexed, dominant } = levelCounts('cn-hj633');
    console.log(`Beijing 2014, HJ 633 daily levels 1–6: ${Object.values(counts).join(' / ')} of ${indexed} days; dominant: ${JSON.stringify(dominant)}`);
    const share = (n: number) => n / indexed;
    // Beijing's 2014 bulletin: 172 days (47 %) 优/良 and 45 days (12 %) 重度/严重 over the city.
    expect(share(counts[1] + counts[2])).toBeGreaterThan(0.35);
    expect(share(counts[1] + counts[2])).toBeLessThan(0.6);
    expect(share(counts[5] + counts[6])).toBeGreaterThan(0.06);
    expect(share(counts[5] + counts[6])).toBeLessThan(0.2);
    expect(counts[1]).toBeGreaterThan(0);
    expect(counts[6]).toBeGreaterThan(0);
  });

  it('finds PM2.5 the dominant pollutant on most days under both standards', () => {
    for (const standard of ['us-epa', 'cn-hj633'] as const) {
      const { dominant, indexed } = levelCounts(standard);
      expect((dominant.pm25 ?? 0) / indexed).toBeGreaterThan(0.5);
    }
  });

  it('rates Beijing’s days worse under the stricter EPA PM2.5 breakpoints than under HJ 633', () => {
    const usLevels = levelCounts('us-epa');
    const cnLevels = levelCounts('cn-hj633');
    console.log(`Beijing 2014, EPA daily levels 1–6: ${Object.values(usLevels.counts).join(' / ')} of ${usLevels.indexed} days; dominant: ${JSON.stringify(usLevels.dominant)}`);
    expect(usLevels.counts[1] + usLevels.counts[2]).toBeLessThan(cnLevels.counts[1] + cnLevels.counts[2]);
    let usWorseOrEqual = 0;
    let both = 0;
    for (const hours of days.values()) {
      const u = computeAqi('us-epa', dailyAqiInput('us-epa', hours));
      const c = computeAqi('cn-hj633', dailyAqiInput('cn-hj633', hours));
      if (!u || !c) continue;
      both++;
      if (u.level >= c.level) usWorseOrEqual++;
    }
    expect(usWorseOrEqual / both).toBeGreaterThan(0.9);
  });
});
