import { gridNetworkSchema } from '@/lib/protocol/grid';
import { fromModels } from '../../_lib/models';

// Always ask the model services: the grid belongs to whichever city is running now.
export const dynamic = 'force-dynamic';

/** GET /api/grid/network: substations, feeders and battery sites, validated with gridNetworkSchema. */
export function GET(): Promise<Response> {
  return fromModels('/v1/grid/network', gridNetworkSchema, 'grid network');
}
