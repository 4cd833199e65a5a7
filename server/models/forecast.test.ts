import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { forecastSpeed, type SpeedSample } from './forecast';

const STEP = 5 * 60_000;

describe('the historical-average forecast', () => {
  it('keeps its quantiles ordered and starts from the current reading', () => {
    const start = Date.parse('2026-11-02T00:00:00Z');
    const history: SpeedSample[] = Array.from({ length: 2016 * 2 }, (_, k) => ({ t: start + k * STEP, speedKmh: 30 + 10 * Math.sin(k / 40) + (k % 7) }));
    const f = forecastSpeed({ segmentId: 's1', madeAt: start + 2016 * 2 * STEP, currentKmh: 12, minutes: 60, history });
    expect(f.points).toHaveLength(12);
    for (const p of f.points) expect(p.p10 <= p.p50 && p.p50 <= p.p90).toBe(true);
    expect(Math.abs(f.points[0].p50 - 12)).toBeLessThan(Math.abs(f.points[11].p50 - 12));
  });

  it('falls back to persistence with a ±15 % band when there is no history', () => {
    const f = forecastSpeed({ segmentId: 's1', madeAt: Date.parse('2026-11-16T08:00:00Z'), currentKmh: 40, minutes: 15, history: [] });
    expect(f.points.map((p) => [p.p10, p.p50, p.p90])).toEqual([
      [34, 40, 46],
      [34, 40, 46],
      [34, 40, 46],
    ]);
  });
});

// Real data: the Los-loop detectors (../shared/data/traffic, see its README). Absent on a fresh clone.
const LOS = fileURLToPath(new URL('../../../shared/data/traffic/los_speed.csv', import.meta.url));
const haveLos = existsSync(LOS);
if (!haveLos) console.log(`skipping the Los-loop forecast test: ${LOS} not found`);

describe.skipIf(!haveLos)('the historical-average forecast on real loop-detector data', () => {
  it('beats a constant-mean forecast at +60 min on the held-out days', () => {
    const rows = readFileSync(LOS, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
    // Los-loop starts on Thursday 1 March 2012; its clock is taken as city time.
    const start = Date.parse('2012-03-01T00:00:00Z');
    const split = Math.floor(rows.length * 0.8);
    const horizon = 12;
    const sensors = Array.from({ length: 20 }, (_, k) => k * 10);
    const kmh = (mph: number) => mph * 1.609344;
    let [haErr, meanErr, persistErr, n] = [0, 0, 0, 0];
    for (const s of sensors) {
      const history = rows.slice(0, split).map((r, k) => ({ t: start + k * STEP, speedKmh: kmh(r[s]) }));
      const trainMean = history.reduce((a, h) => a + h.speedKmh, 0) / history.length;
      for (let k = split; k + horizon < rows.length; k += 6) {
        const actual = kmh(rows[k + horizon][s]);
        const f = forecastSpeed({ segmentId: String(s), madeAt: start + k * STEP, currentKmh: kmh(rows[k][s]), minutes: 60, history });
        haErr += Math.abs(f.points[horizon - 1].p50 - actual);
        meanErr += Math.abs(trainMean - actual);
        persistErr += Math.abs(kmh(rows[k][s]) - actual);
        n++;
      }
    }
    const mph = (e: number) => (e / n / 1.609344).toFixed(2);
    console.log(`Los-loop +60 min MAE over ${n} forecasts (mph): historical average by time of week ${mph(haErr)}, persistence ${mph(persistErr)}, constant mean ${mph(meanErr)}`);
    expect(Number.isFinite(haErr / n)).toBe(true);
    expect(haErr).toBeLessThan(meanErr);
  });
});
