import { forecastTargetSchema, mapForecastQuerySchema, mapForecastSchema } from '@/lib/protocol/forecast';
import { fromModels } from '../../../_lib/models';
import { check, describeIssues, queryOf } from '../../../_lib/params';
import { jsonError } from '../../../_lib/respond';

export const dynamic = 'force-dynamic';

/** GET /api/timeline/forecast/{target}?minutes=30: every series of a target at one horizon, for the map. */
export async function GET(request: Request, { params }: { params: Promise<{ target: string }> }): Promise<Response> {
  const target = check(forecastTargetSchema, (await params).target, 'target');
  const query = check(mapForecastQuerySchema, queryOf(request.url), 'query');
  const issues = [...(target.ok ? [] : target.issues), ...(query.ok ? [] : query.issues)];
  if (!target.ok || !query.ok) return jsonError(400, 'bad-request', describeIssues(issues), issues);
  return fromModels(`/v1/forecasts/map/${target.value}?minutes=${query.value.minutes}`, mapForecastSchema, 'map forecast');
}
