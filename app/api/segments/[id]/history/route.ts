import { historyQuerySchema, segmentHistorySchema, segmentIdSchema } from '@/lib/protocol/models-api';
import { fromModels } from '../../../_lib/models';
import { check, describeIssues, queryOf } from '../../../_lib/params';
import { jsonError } from '../../../_lib/respond';

export const dynamic = 'force-dynamic';

/** GET /api/segments/{id}/history?minutes=120: the segment's recent speed and flow. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = check(segmentIdSchema, (await params).id, 'id');
  const query = check(historyQuerySchema, queryOf(request.url), 'query');
  const issues = [...(id.ok ? [] : id.issues), ...(query.ok ? [] : query.issues)];
  if (!id.ok || !query.ok) return jsonError(400, 'bad-request', describeIssues(issues), issues);
  return fromModels(
    `/v1/segments/${encodeURIComponent(id.value)}/history?minutes=${query.value.minutes}`,
    segmentHistorySchema,
    'segment history',
  );
}
