import { z } from 'zod';
import { cityHistoryBackfillSchema } from '@/lib/protocol/forecast-history';
import { airForecastSchema, gridForecastSchema, mapForecastSchema, modelsListSchema, trainRequestSchema, trainResultSchema } from '@/lib/protocol/forecast';
import { upsertBatchSchema } from '@/lib/protocol/ngsi';
import { errorBodySchema, healthSchema, historyBackfillSchema, networkSchema, segmentForecastSchema, segmentHistorySchema } from '@/lib/protocol/models-api';
import { optimizeOpenApiPaths } from '../optimize/openapi';

/** JSON Schema of a zod schema as OpenAPI 3.1 takes it; what JSON cannot say (refinements) is left to the server. */
const schema = (s: z.ZodType) => z.toJSONSchema(s, { target: 'draft-2020-12', unrepresentable: 'any', io: 'output' });
const inputSchema = (s: z.ZodType) => z.toJSONSchema(s, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' });
const json = (s: z.ZodType) => ({ content: { 'application/json': { schema: schema(s) } } });
const error = (description: string) => ({ description, ...json(errorBodySchema) });
const pathParam = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const queryParam = (name: string, description: string, s: Record<string, unknown>) => ({ name, in: 'query', required: false, description, schema: s });

let cached: unknown = null;

/** GET /v1/openapi.json: the model services' API, its bodies generated from the same zod schemas the server validates with. */
export function openApiDocument(): unknown {
  cached ??= {
    openapi: '3.1.0',
    info: { title: 'Polis model services', version: '1', description: 'State, history, forecasts and the model registry of the city (docs/API.md, docs/MODELS.md).' },
    components: { securitySchemes: { admin: { type: 'http', scheme: 'bearer', description: 'MODELS_ADMIN_TOKEN' } } },
    paths: {
      '/health': { get: { summary: 'Liveness, store and history range', responses: { 200: { description: 'ok', ...json(healthSchema) } } } },
      '/ngsi-ld/v1/entityOperations/upsert': {
        post: {
          summary: 'NGSI-LD batch upsert (keyValues): all entities or none',
          requestBody: { required: true, content: { 'application/json': { schema: inputSchema(upsertBatchSchema) } } },
          responses: { 204: { description: 'stored' }, 400: error('invalid entities, naming the field') },
        },
      },
      '/v1/network': { get: { summary: 'The road network', responses: { 200: { description: 'ok', ...json(networkSchema) } } } },
      '/v1/state/{layer}': {
        get: { summary: 'Current state of a live layer', parameters: [pathParam('layer', 'traffic, grid, air, weather, transit or incidents')], responses: { 200: { description: '{source, asOf, items}' } } },
      },
      '/v1/ingest/traffic/history': {
        post: { summary: 'Bulk 5-minute traffic history (the twin backfill)', requestBody: { required: true, content: { 'application/json': { schema: inputSchema(historyBackfillSchema) } } }, responses: { 204: { description: 'stored' }, 400: error('invalid body') } },
      },
      '/v1/ingest/city/history': {
        post: {
          summary: 'Bulk 5-minute history of grid loads, air quality and weather (the twin backfill)',
          requestBody: { required: true, content: { 'application/json': { schema: inputSchema(cityHistoryBackfillSchema) } } },
          responses: { 204: { description: 'stored' }, 400: error('invalid body, naming the field') },
        },
      },
      '/v1/segments/{id}/history': {
        get: { summary: 'A segment’s 5-minute history', parameters: [pathParam('id', 'segment id'), queryParam('minutes', '5–10080, default 120', { type: 'integer' })], responses: { 200: { description: 'ok', ...json(segmentHistorySchema) }, 404: error('unknown segment') } },
      },
      '/v1/forecasts/traffic/{id}': {
        get: {
          summary: 'Speed (and flow) P10/P50/P90 of a segment, +5…+60 min, congestion level per horizon, model, accuracy and drivers',
          parameters: [pathParam('id', 'segment id'), queryParam('minutes', '5–1440, default 60', { type: 'integer' })],
          responses: { 200: { description: 'ok', ...json(segmentForecastSchema) }, 404: error('unknown segment') },
        },
      },
      '/v1/forecasts/grid/{id}': {
        get: { summary: 'Load (and solar) of a feeder or substation, 15-minute steps for 24 h', parameters: [pathParam('id', 'feeder or substation id')], responses: { 200: { description: 'ok', ...json(gridForecastSchema) }, 404: error('no model or unknown asset') } },
      },
      '/v1/forecasts/air/{id}': {
        get: { summary: 'PM2.5, NO2, O3 and AQI of a station, hourly for 24 h', parameters: [pathParam('id', 'station id')], responses: { 200: { description: 'ok', ...json(airForecastSchema) }, 404: error('no model or unknown station') } },
      },
      '/v1/forecasts/map/{target}': {
        get: {
          summary: 'Every series of a target at one horizon (the map’s forecast timeline)',
          parameters: [pathParam('target', 'traffic-speed, traffic-flow, grid-load, grid-solar, air-pm25, air-no2, air-o3'), { name: 'minutes', in: 'query', required: true, schema: { type: 'integer' } }],
          responses: { 200: { description: 'ok', ...json(mapForecastSchema) }, 404: error('no model trained') },
        },
      },
      '/v1/models': { get: { summary: 'The model registry: versions, data ranges, metrics per horizon next to the baselines', responses: { 200: { description: 'ok', ...json(modelsListSchema) } } } },
      '/v1/models/{id}/train': {
        post: {
          summary: 'Train from the stored history and register new versions (a model "<target>.<family>", a target, or "all")',
          security: [{ admin: [] }],
          parameters: [pathParam('id', 'model, target or "all"')],
          requestBody: { required: false, content: { 'application/json': { schema: inputSchema(trainRequestSchema) } } },
          responses: {
            200: { description: 'trained', ...json(trainResultSchema) },
            400: error('invalid body'),
            401: error('missing or wrong bearer token'),
            403: error('MODELS_ADMIN_TOKEN unset'),
            404: error('unknown model'),
            409: error('a training run is under way'),
            422: error('not enough history'),
          },
        },
      },
      ...optimizeOpenApiPaths(),
      '/v1/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
    },
  };
  return cached;
}
