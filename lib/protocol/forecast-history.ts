import { z } from 'zod';

/**
 * POST /v1/ingest/city/history: bulk backfill of the city's 5-minute means beyond traffic (grid
 * feeders and substations, air-quality stations, weather stations), compact and column-wise like
 * the traffic backfill. Every array holds `steps` values: value k is the bucket start + k·300 s.
 * null marks a bucket with no reading.
 */
const isoDateTime = z.iso.datetime({ offset: true });
const id = z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'must be an id of letters, digits and . _ : -');
const column = (min: number, max: number) => z.array(z.number().min(min).max(max).nullable());

export const MAX_HISTORY_STEPS = 2016;

export const gridHistorySchema = z.object({
  assetId: id,
  kind: z.enum(['feeder', 'substation']),
  /** Net load, kW (negative when rooftop solar exports). */
  loadKw: column(-1_000_000, 1_000_000),
  /** Rooftop solar generation on a feeder, kW. */
  solarKw: column(0, 1_000_000).optional(),
});

export const airHistorySchema = z.object({
  stationId: id,
  pm25: column(0, 2000),
  no2: column(0, 4000),
  o3: column(0, 2000),
  pm10: column(0, 3000).optional(),
  co: column(0, 200).optional(),
});

export const weatherHistorySchema = z.object({
  stationId: id,
  temperatureC: column(-60, 60),
  relativeHumidity: column(0, 1),
  windSpeedMs: column(0, 80),
  solarWm2: column(0, 1500),
  precipitationMmH: column(0, 300),
  cloudCover: column(0, 1).optional(),
  mixingHeightM: column(0, 5000).optional(),
});

export const cityHistoryBackfillSchema = z
  .object({
    start: isoDateTime,
    stepSeconds: z.literal(300),
    steps: z.number().int().min(1).max(MAX_HISTORY_STEPS),
    grid: z.array(gridHistorySchema).max(100_000).default([]),
    air: z.array(airHistorySchema).max(10_000).default([]),
    weather: z.array(weatherHistorySchema).max(1_000).default([]),
    source: z.string().max(100).optional(),
  })
  .superRefine((b, ctx) => {
    const check = (group: 'grid' | 'air' | 'weather', rows: readonly Record<string, unknown>[]) =>
      rows.forEach((row, i) => {
        for (const [key, value] of Object.entries(row))
          if (Array.isArray(value) && value.length !== b.steps)
            ctx.addIssue({ code: 'custom', path: [group, i, key], message: `must hold ${b.steps} values (steps)` });
      });
    check('grid', b.grid);
    check('air', b.air);
    check('weather', b.weather);
  });
export type CityHistoryBackfill = z.infer<typeof cityHistoryBackfillSchema>;
export type GridHistory = z.infer<typeof gridHistorySchema>;
export type AirHistory = z.infer<typeof airHistorySchema>;
export type WeatherHistory = z.infer<typeof weatherHistorySchema>;
