import { transitNetworkSchema } from '@/lib/protocol/transit';
import { fromModels } from '../../_lib/models';

// Always ask the model services: the network belongs to whichever GTFS feed is loaded now.
export const dynamic = 'force-dynamic';

/** GET /api/transit/network: routes, shapes and stops from GTFS, validated with transitNetworkSchema. */
export function GET(): Promise<Response> {
  return fromModels('/v1/transit/network', transitNetworkSchema, 'transit network');
}
