import { gridForecastSchema } from '@/lib/protocol/forecast';
import { segmentIdSchema } from '@/lib/protocol/models-api';
import { fromModels } from '../../../_lib/models';
import { check } from '../../../_lib/params';
import { jsonError } from '../../../_lib/respond';

export const dynamic = 'force-dynamic';

/** GET /api/grid/{id}/forecast: a feeder's or substation's load (and a feeder's solar) for 24 h, P10–P90. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = check(segmentIdSchema, (await params).id, 'id');
  if (!id.ok) return jsonError(400, 'bad-request', 'invalid asset id', id.issues);
  return fromModels(`/v1/forecasts/grid/${encodeURIComponent(id.value)}`, gridForecastSchema, 'grid forecast');
}
