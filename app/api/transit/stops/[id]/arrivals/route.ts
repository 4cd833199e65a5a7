import { z } from 'zod';
import { arrivalsQuerySchema, stopArrivalsSchema } from '@/lib/protocol/transit';
import { fromModels } from '../../../../_lib/models';
import { check, describeIssues, queryOf } from '../../../../_lib/params';
import { jsonError } from '../../../../_lib/respond';

export const dynamic = 'force-dynamic';

const stopIdSchema = z.string().min(1).max(128);

/** GET /api/transit/stops/{id}/arrivals?minutes=&limit=: the stop's next arrivals with predicted times and delays. */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = check(stopIdSchema, (await ctx.params).id, 'id');
  const query = check(arrivalsQuerySchema, queryOf(req.url), 'query');
  const issues = [...(id.ok ? [] : id.issues), ...(query.ok ? [] : query.issues)];
  if (!id.ok || !query.ok) return jsonError(400, 'bad-request', describeIssues(issues), issues);
  const q = new URLSearchParams({ minutes: String(query.value.minutes), limit: String(query.value.limit) });
  return fromModels(`/v1/transit/stops/${encodeURIComponent(id.value)}/arrivals?${q}`, stopArrivalsSchema, 'stop arrivals');
}
