import { networkSchema } from '@/lib/protocol/models-api';
import { fromModels } from '../_lib/models';

// Always ask the model services: the network belongs to whichever city is running now.
export const dynamic = 'force-dynamic';

/** GET /api/network: the directed road segments, validated with networkSchema. */
export function GET(): Promise<Response> {
  return fromModels('/v1/network', networkSchema, 'road network');
}
