import { airForecastSchema } from '@/lib/protocol/forecast';
import { segmentIdSchema } from '@/lib/protocol/models-api';
import { fromModels } from '../../../_lib/models';
import { check } from '../../../_lib/params';
import { jsonError } from '../../../_lib/respond';

export const dynamic = 'force-dynamic';

/** GET /api/air/{id}/forecast: a station's PM2.5, NO2, O3 and AQI for 24 h, P10–P90. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = check(segmentIdSchema, (await params).id, 'id');
  if (!id.ok) return jsonError(400, 'bad-request', 'invalid station id', id.issues);
  return fromModels(`/v1/forecasts/air/${encodeURIComponent(id.value)}`, airForecastSchema, 'air-quality forecast');
}
