import { z } from 'zod';
import { optimizeAirRequestSchema, optimizeGridRequestSchema, optimizeSignalsRequestSchema, proposalSchema } from '@/lib/protocol/actuation';
import { errorBodySchema } from '@/lib/protocol/models-api';

const toJson = (s: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(s, { target: 'draft-2020-12', unrepresentable: 'any', io });
const body = (s: z.ZodType, io: 'input' | 'output') => ({ content: { 'application/json': { schema: toJson(s, io) } } });
const error = (description: string) => ({ description, ...body(errorBodySchema, 'output') });

const optimizer = (summary: string, request: z.ZodType, notFound: string, nothing: string) => ({
  post: {
    summary,
    requestBody: { required: true, ...body(request, 'input') },
    responses: {
      200: { description: 'a proposal: title, target, plan, predicted impact from the twin’s what-if, method, model version', ...body(proposalSchema, 'output') },
      400: error('invalid request, naming the field'),
      404: error(notFound),
      409: error(`nothing-to-do: ${nothing}`),
      503: error('field-unavailable: the twin (or field adapter) cannot list intersections or run the what-if'),
    },
  },
});

/** The optimisers' part of GET /v1/openapi.json. */
export function optimizeOpenApiPaths(): Record<string, unknown> {
  return {
    '/v1/optimize/signals': optimizer(
      'Signal retiming: Webster cycle and splits for one intersection, or a green wave along a corridor (one segment is extended along its street through up to 8 signals)',
      optimizeSignalsRequestSchema,
      'unknown segment or intersection',
      'the intersection already runs within 2 s of its optimum, the corridor passes no signal, or no variant tried is predicted to cut the delay by 1 %',
    ),
    '/v1/optimize/grid': optimizer(
      'Demand response and battery dispatch for a feeder, 15-minute steps, least cost, keeping the P90 load under 95 % of capacity',
      optimizeGridRequestSchema,
      'unknown feeder',
      'the feeder is not forecast to exceed 95 % of its capacity within the horizon',
    ),
    '/v1/optimize/air': optimizer(
      'Traffic restriction around an air-quality station whose AQI is (forecast to be) over the threshold',
      optimizeAirRequestSchema,
      'unknown station',
      'the AQI now and forecast (P50) stays at or under the threshold',
    ),
  };
}
