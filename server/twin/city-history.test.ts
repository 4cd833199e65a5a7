import { describe, expect, it } from 'vitest';
import { cityHistoryBackfillSchema } from '@/lib/protocol/forecast-history';
import { generateCity } from './city';
import { simulateWorldBlock } from './city-history';

describe('the city history backfill', () => {
  it('simulates grid loads, air and weather with the traffic, as 5-minute means the model services accept', async () => {
    const city = generateCity({ seed: 3, size: 200 });
    const start = Date.UTC(2026, 10, 18, 8);
    const { traffic, city: body } = await simulateWorldBlock(city, 3, { start, end: start + 30 * 60_000 });
    expect(traffic.speedKmh[0]).toHaveLength(6);
    const parsed = cityHistoryBackfillSchema.parse(body);
    expect(parsed.steps).toBe(6);
    expect(parsed.grid.some((g) => g.kind === 'feeder' && g.solarKw)).toBe(true);
    expect(parsed.grid.some((g) => g.kind === 'substation')).toBe(true);
    expect(parsed.air.length).toBeGreaterThan(0);
    expect(parsed.weather.length).toBeGreaterThan(0);
    // One reading a minute: every 5-minute bucket of a station has a mean.
    expect(parsed.air[0].pm25.every((v) => v !== null && v >= 0)).toBe(true);
  }, 60_000);
});
