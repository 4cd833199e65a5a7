import { z } from 'zod';
import { jsonError } from '@/app/api/_lib/respond';
import { proxyFeed } from '../../_lib/feed-proxy';

export const dynamic = 'force-dynamic';

const feedFileSchema = z.enum(['vehicle-positions.pb', 'trip-updates.pb', 'alerts.pb']);
const FEEDS = { 'vehicle-positions.pb': 'vehiclePositions', 'trip-updates.pb': 'tripUpdates', 'alerts.pb': 'alerts' } as const;

/** GET /transit/gtfs-rt/{vehicle-positions,trip-updates,alerts}.pb: the city's GTFS-Realtime feeds (protobuf). */
export async function GET(_req: Request, ctx: { params: Promise<{ feed: string }> }): Promise<Response> {
  const file = feedFileSchema.safeParse((await ctx.params).feed);
  if (!file.success) return jsonError(404, 'unknown-feed', `no such feed; published: ${feedFileSchema.options.join(', ')}`);
  return proxyFeed(FEEDS[file.data]);
}
