import { z } from 'zod';
import { routeTimetableSchema } from '@/lib/protocol/transit';
import { fromModels } from '../../../../_lib/models';
import { check } from '../../../../_lib/params';
import { jsonError } from '../../../../_lib/respond';

export const dynamic = 'force-dynamic';

const routeIdSchema = z.string().min(1).max(128);

/** GET /api/transit/routes/{id}/timetable: the route's scheduled departures per stop for today's service day (public). */
export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = check(routeIdSchema, (await ctx.params).id, 'id');
  if (!id.ok) return jsonError(400, 'bad-request', `invalid id: ${id.issues[0]?.message ?? 'invalid'}`, id.issues);
  return fromModels(`/v1/transit/routes/${encodeURIComponent(id.value)}/timetable`, routeTimetableSchema, 'route timetable');
}
