import { transitAlertsSchema } from '@/lib/protocol/transit';
import { fromModels } from '../../_lib/models';

export const dynamic = 'force-dynamic';

/** GET /api/transit/alerts: the public service alerts (GTFS-Realtime Alerts), validated with transitAlertsSchema. */
export function GET(): Promise<Response> {
  return fromModels('/v1/transit/alerts', transitAlertsSchema, 'transit alerts');
}
