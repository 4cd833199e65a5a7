import { z } from 'zod';
import { roadSegmentSchema } from '../domain/road';
import { mqttStatusSchema } from './mqtt';
import { accuracySchema, explanationSchema, servedModelSchema, trafficPointExtrasSchema } from './forecast';
import { trafficReadingSchema } from './traffic';

/**
 * Bodies of the model services' HTTP API (server/models). The server validates what it receives
 * with these; the gateway and the web app validate what they get back with the same schemas.
 */

const isoDateTime = z.iso.datetime({ offset: true });

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const healthSchema = z.object({
  status: z.literal('ok'),
  store: z.enum(['pglite', 'postgres']),
  segments: z.number().int().min(0),
  /** Latest observation time held, or null before any data arrived. */
  lastObservationAt: isoDateTime.nullable(),
  /** Earliest and latest 5-minute history buckets held (for backfill resumption), or null. */
  historyFrom: isoDateTime.nullable(),
  historyUntil: isoDateTime.nullable(),
  /** MQTT ingest counters, when MQTT_URL is set. */
  mqtt: mqttStatusSchema.optional(),
});
export type Health = z.infer<typeof healthSchema>;

/** GET /v1/network: the road network, in a stable order. */
export const networkSchema = z.object({
  segments: z.array(roadSegmentSchema),
});
export type Network = z.infer<typeof networkSchema>;

/** GET /v1/state/traffic: the latest reading of every segment that has one. */
export const trafficStateSchema = z.object({
  /** Who produced the latest observations (NGSI-LD dataProvider), e.g. "city-twin". */
  source: z.string().nullable(),
  /** Time of the newest observation held, or null. */
  asOf: isoDateTime.nullable(),
  items: z.record(z.string(), trafficReadingSchema),
});
export type TrafficState = z.infer<typeof trafficStateSchema>;

/**
 * POST /v1/ingest/traffic/history: bulk backfill of 5-minute aggregates, column-major and compact
 * (a week of a 2,000-segment city would be gigabytes as NGSI-LD temporal JSON).
 * speedKmh[i][k] is segment segmentIds[i] in bucket start + k·stepSeconds.
 */
export const historyBackfillSchema = z
  .object({
    start: isoDateTime,
    stepSeconds: z.literal(300),
    segmentIds: z.array(z.string().min(1).max(64)).min(1).max(200_000),
    speedKmh: z.array(z.array(z.number().min(0).max(250))),
    flowVph: z.array(z.array(z.number().min(0).max(50_000))),
    source: z.string().max(100).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.speedKmh.length !== b.segmentIds.length)
      ctx.addIssue({ code: 'custom', path: ['speedKmh'], message: 'must have one row per segment id' });
    if (b.flowVph.length !== b.segmentIds.length)
      ctx.addIssue({ code: 'custom', path: ['flowVph'], message: 'must have one row per segment id' });
    const steps = b.speedKmh[0]?.length ?? 0;
    if (steps < 1 || steps > 2016) ctx.addIssue({ code: 'custom', path: ['speedKmh', 0], message: 'must hold 1–2016 steps' });
    b.speedKmh.forEach((row, i) => {
      if (row.length !== steps) ctx.addIssue({ code: 'custom', path: ['speedKmh', i], message: `must hold ${steps} steps` });
    });
    b.flowVph.forEach((row, i) => {
      if (row.length !== steps) ctx.addIssue({ code: 'custom', path: ['flowVph', i], message: `must hold ${steps} steps` });
    });
  });
export type HistoryBackfill = z.infer<typeof historyBackfillSchema>;

/** GET /v1/segments/{id}/history?minutes=120 */
export const historyQuerySchema = z.object({
  minutes: z.coerce.number().int().min(5).max(7 * 24 * 60).default(120),
});
export const historyPointSchema = z.object({
  t: isoDateTime,
  speedKmh: z.number(),
  flowVph: z.number(),
});
export const segmentHistorySchema = z.object({
  segmentId: z.string(),
  from: isoDateTime,
  to: isoDateTime,
  points: z.array(historyPointSchema),
});
export type SegmentHistory = z.infer<typeof segmentHistorySchema>;

/** GET /v1/forecasts/traffic/{id}?minutes=60 */
export const forecastQuerySchema = z.object({
  minutes: z.coerce.number().int().min(5).max(24 * 60).default(60),
});
export const forecastPointSchema = z
  .object({
    t: isoDateTime,
    /** Speed quantiles in km/h. */
    p10: z.number(),
    p50: z.number(),
    p90: z.number(),
  })
  .extend(trafficPointExtrasSchema.shape);
export const segmentForecastSchema = z.object({
  segmentId: z.string(),
  model: servedModelSchema,
  /** Observation time the forecast starts from. */
  madeAt: isoDateTime,
  stepMinutes: z.number().int().positive(),
  points: z.array(forecastPointSchema),
  /** Held-out accuracy of the served model (trained models only). */
  accuracy: accuracySchema.optional(),
  /** Drivers of the forecast at +30 min (trained models only). */
  explanation: explanationSchema.nullable().optional(),
});
export type SegmentForecast = z.infer<typeof segmentForecastSchema>;

/** A path parameter naming a segment. */
export const segmentIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be a segment id');
