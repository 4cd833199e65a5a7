import { z } from 'zod';
import { congestionLevelSchema } from '../domain/congestion';
import { aqiStandardSchema } from './air';

/**
 * Forecasts, the model registry and training (server/models/ml; docs/MODELS.md). The model
 * services answer with these; the gateway and the web app validate what they get with them.
 */
const isoDateTime = z.iso.datetime({ offset: true });

/** What is forecast: one quantity of one kind of thing, with its own step and horizons. */
export const forecastTargetSchema = z.enum(['traffic-speed', 'traffic-flow', 'grid-load', 'grid-solar', 'air-pm25', 'air-no2', 'air-o3']);
export type ForecastTarget = z.infer<typeof forecastTargetSchema>;

/** Model families: the two baselines, a ridge regression with quantile residuals, a GRU. */
export const modelFamilySchema = z.enum(['persistence', 'seasonal-mean', 'ridge', 'gru']);
export type ModelFamily = z.infer<typeof modelFamilySchema>;

/** A model is one family for one target, e.g. "grid-load.ridge"; it has numbered versions. */
export const modelIdSchema = z.string().regex(/^[a-z0-9-]+\.[a-z-]+$/, 'must be "<target>.<family>"');
export const modelRefSchema = z.templateLiteral([forecastTargetSchema, '.', modelFamilySchema]);
export type ModelId = z.infer<typeof modelRefSchema>;

/** Errors of one model at one horizon on the held-out test window. */
export const horizonMetricsSchema = z.object({
  horizonMinutes: z.number().int().positive(),
  mae: z.number().min(0),
  rmse: z.number().min(0),
  /** Mean absolute percentage error, %, over actuals far enough from zero to divide by; null if none. */
  mape: z.number().min(0).nullable(),
  /** Share of actuals inside the P10–P90 band (well calibrated: about 0.8). */
  coverage: z.number().min(0).max(1),
  /** Forecasts scored. */
  n: z.number().int().min(0),
});
export type HorizonMetrics = z.infer<typeof horizonMetricsSchema>;

export const modelStatusSchema = z.enum(['serving', 'standby', 'failed']);

/** One trained version of a model: its model card. */
export const modelVersionSchema = z.object({
  id: modelRefSchema,
  target: forecastTargetSchema,
  family: modelFamilySchema,
  version: z.number().int().min(1),
  description: z.string(),
  createdAt: isoDateTime,
  status: modelStatusSchema,
  seed: z.number().int(),
  trainMs: z.number().min(0),
  /** The history used, and how it was split by time. */
  data: z.object({
    from: isoDateTime,
    to: isoDateTime,
    series: z.number().int().min(0),
    trainUntil: isoDateTime,
    validationUntil: isoDateTime,
    /** The test window: every model of a training run is scored on the same one. */
    testFrom: isoDateTime,
    testTo: isoDateTime,
    trainingSamples: z.number().int().min(0),
  }),
  metrics: z.array(horizonMetricsSchema),
  /** The baselines' errors on the same test window and forecasts. */
  baselines: z.object({ persistence: z.array(horizonMetricsSchema), 'seasonal-mean': z.array(horizonMetricsSchema) }),
  /** Mean MAE over the target's reported horizons on the test window: lower is better. */
  score: z.number().min(0).nullable(),
  error: z.string().optional(),
});
export type ModelVersion = z.infer<typeof modelVersionSchema>;

/** GET /v1/models: every target, the version it serves, and the newest versions of each model. */
export const modelsListSchema = z.object({
  targets: z.array(
    z.object({
      target: forecastTargetSchema,
      unit: z.string(),
      stepMinutes: z.number().int().positive(),
      horizonsMinutes: z.array(z.number().int().positive()),
      /** The version forecasts come from; null: none trained yet (the fallback serves). */
      serving: z.object({ id: modelRefSchema, version: z.number().int() }).nullable(),
      versions: z.array(modelVersionSchema),
    }),
  ),
});
export type ModelsList = z.infer<typeof modelsListSchema>;

/** POST /v1/models/{id}/train: {id} is a model ("grid-load.gru"), a target ("grid-load") or "all". */
export const trainRequestSchema = z
  .object({
    /** Same seed, same data: same model and metrics. */
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
    /** Use only the newest this many days of history. */
    days: z.number().min(1).max(90).optional(),
    /** Cap on the series used per target (e.g. sample 300 of 2,000 segments), for speed. */
    maxSeries: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();
export type TrainRequest = z.infer<typeof trainRequestSchema>;

export const trainResultSchema = z.object({
  trained: z.array(modelVersionSchema),
  serving: z.array(z.object({ target: forecastTargetSchema, id: modelRefSchema, version: z.number().int() })),
  ms: z.number().min(0),
});
export type TrainResult = z.infer<typeof trainResultSchema>;

export const quantilesSchema = z.object({ p10: z.number(), p50: z.number(), p90: z.number() });
export type Quantiles = z.infer<typeof quantilesSchema>;

/** The model a forecast came from; fallback: the served model failed or none is trained, a baseline answered. */
export const servedModelSchema = z.object({
  id: z.string(),
  version: z.string(),
  family: modelFamilySchema.optional(),
  fallback: z.boolean().optional(),
  description: z.string(),
});

/** Why: the forecast at one horizon as the seasonal level plus the drivers' contributions (target units). */
export const driverSchema = z.object({
  driver: z.enum(['time-of-day', 'recent-trend', 'weather', 'upstream-congestion']),
  label: z.string(),
  contribution: z.number(),
});
export const explanationSchema = z.object({
  horizonMinutes: z.number().int().positive(),
  /** What the time of week alone predicts (the seasonal profile). */
  seasonal: z.number(),
  drivers: z.array(driverSchema),
});
export type Explanation = z.infer<typeof explanationSchema>;

/** Held-out accuracy of the served version, for the detail panel. */
export const accuracySchema = z.array(z.object({ horizonMinutes: z.number().int(), mae: z.number(), coverage: z.number() }));

/** One series' forecast: P10/P50/P90 per step. */
export const seriesForecastSchema = z.object({
  target: forecastTargetSchema,
  id: z.string(),
  unit: z.string(),
  model: servedModelSchema,
  madeAt: isoDateTime,
  stepMinutes: z.number().int().positive(),
  points: z.array(quantilesSchema.extend({ t: isoDateTime, horizonMinutes: z.number().int().positive() })),
  accuracy: accuracySchema,
  explanation: explanationSchema.nullable(),
});
export type SeriesForecast = z.infer<typeof seriesForecastSchema>;

/** GET /v1/forecasts/grid/{assetId}: load (feeder or substation) and, on a feeder, solar; 15-minute steps for 24 h. */
export const gridForecastSchema = z.object({
  assetId: z.string(),
  load: seriesForecastSchema,
  solar: seriesForecastSchema.nullable(),
});
export type GridForecast = z.infer<typeof gridForecastSchema>;

/** GET /v1/forecasts/air/{stationId}: PM2.5, NO2, O3 and the AQI they imply, hourly for 24 h. */
export const airForecastSchema = z.object({
  stationId: z.string(),
  pm25: seriesForecastSchema,
  no2: seriesForecastSchema,
  o3: seriesForecastSchema,
  aqiStandard: aqiStandardSchema,
  /** AQI of the P10, P50 and P90 concentrations (the AQI grows with each), and the level of the P50. */
  aqi: z.array(quantilesSchema.extend({ t: isoDateTime, horizonMinutes: z.number().int().positive(), level: z.number().int().min(1).max(6) })),
});
export type AirForecast = z.infer<typeof airForecastSchema>;

/** GET /v1/forecasts/map/{target}?minutes=30: every series of a target at one horizon, for the map's timeline. */
export const mapForecastQuerySchema = z.object({ minutes: z.coerce.number().int().min(5).max(24 * 60) });
export const mapForecastSchema = z.object({
  target: forecastTargetSchema,
  madeAt: isoDateTime.nullable(),
  /** The horizon served: the nearest the target has to the one asked for. */
  horizonMinutes: z.number().int().positive(),
  t: isoDateTime.nullable(),
  model: servedModelSchema.nullable(),
  items: z.record(z.string(), quantilesSchema.extend({ congestion: congestionLevelSchema.optional() })),
});
export type MapForecast = z.infer<typeof mapForecastSchema>;

/** Extra fields of GET /v1/forecasts/traffic/{id} (lib/protocol/models-api.ts segmentForecastSchema). */
export const trafficPointExtrasSchema = z.object({
  /** Flow quantiles, vehicles/h. */
  flowVph: quantilesSchema.optional(),
  /** Congestion level of the P50 speed. */
  congestion: congestionLevelSchema.optional(),
});
