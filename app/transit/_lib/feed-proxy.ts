import { loadConfig, transitFeedUrls } from '@/lib/config';
import { jsonError } from '@/app/api/_lib/respond';

const TIMEOUT_MS = 15_000;

export type PublishedFeed = 'gtfs' | 'vehiclePositions' | 'tripUpdates' | 'alerts';

const CONTENT_TYPE: Record<PublishedFeed, string> = {
  gtfs: 'application/zip',
  vehiclePositions: 'application/x-protobuf',
  tripUpdates: 'application/x-protobuf',
  alerts: 'application/x-protobuf',
};

/**
 * One of the city's standard feeds, republished on the web origin from where the model services
 * read it (the twin by default, an agency's URLs when configured), so any transit app can use them.
 * The bytes pass through unchanged; an unreachable source is a 502 naming it.
 */
export async function proxyFeed(feed: PublishedFeed): Promise<Response> {
  const url = transitFeedUrls(loadConfig())[feed];
  let res: globalThis.Response;
  try {
    res = await fetch(url, { cache: 'no-store', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    return jsonError(502, 'feed-unreachable', `the ${feed} feed is unreachable at its source`);
  }
  if (!res.ok) return jsonError(502, 'feed-error', `the ${feed} feed's source answered ${res.status}`);
  return new Response(res.body, {
    headers: {
      'content-type': CONTENT_TYPE[feed],
      // Real-time feeds change every few seconds; the static feed rarely.
      'cache-control': feed === 'gtfs' ? 'public, max-age=300' : 'public, max-age=5',
      'access-control-allow-origin': '*',
      ...(feed === 'gtfs' ? { 'content-disposition': 'attachment; filename="gtfs.zip"' } : {}),
    },
  });
}
