import { replayRangeSchema } from '@/lib/protocol/replay';
import { fromModels } from '../_lib/models';

export const dynamic = 'force-dynamic';

/** GET /api/replay: the span of stored history per layer, for the timeline's scale. */
export async function GET(): Promise<Response> {
  return fromModels('/v1/replay', replayRangeSchema, 'replay range');
}
