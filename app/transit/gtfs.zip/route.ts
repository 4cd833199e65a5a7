import { proxyFeed } from '../_lib/feed-proxy';

export const dynamic = 'force-dynamic';

/** GET /transit/gtfs.zip: the city's GTFS static feed. */
export function GET(): Promise<Response> {
  return proxyFeed('gtfs');
}
