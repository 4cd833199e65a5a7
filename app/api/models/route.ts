import { modelsListSchema } from '@/lib/protocol/forecast';
import { fromModels } from '../_lib/models';

export const dynamic = 'force-dynamic';

/** GET /api/models: the model registry (versions, data ranges, metrics next to the baselines). */
export function GET(): Promise<Response> {
  return fromModels('/v1/models', modelsListSchema, 'model list');
}
