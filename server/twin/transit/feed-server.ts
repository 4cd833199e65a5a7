import { createServer, type Server } from 'node:http';

/** What the feed server publishes: the static zip and the three GTFS-Realtime feeds, as bytes. */
export interface TransitFeeds {
  staticZip: () => Uint8Array;
  vehiclePositions: () => Uint8Array;
  tripUpdates: () => Uint8Array;
  alerts: () => Uint8Array;
}

/** The paths, as an agency would publish them (docs/API.md, "Twin transit feeds"). */
export const FEED_PATHS = {
  static: '/gtfs/static.zip',
  vehiclePositions: '/gtfs-rt/vehicle-positions.pb',
  tripUpdates: '/gtfs-rt/trip-updates.pb',
  alerts: '/gtfs-rt/alerts.pb',
} as const;

/** GTFS-Realtime has no registered media type; this is the one agencies and consumers commonly use. */
export const PROTOBUF_TYPE = 'application/x-protobuf';

/** An HTTP server publishing the twin's transit feeds; GET and HEAD only. */
export function createFeedServer(feeds: TransitFeeds): Server {
  const routes: Record<string, { type: string; body: () => Uint8Array; cache: string; filename?: string }> = {
    [FEED_PATHS.static]: { type: 'application/zip', body: feeds.staticZip, cache: 'public, max-age=3600', filename: 'gtfs.zip' },
    [FEED_PATHS.vehiclePositions]: { type: PROTOBUF_TYPE, body: feeds.vehiclePositions, cache: 'no-cache' },
    [FEED_PATHS.tripUpdates]: { type: PROTOBUF_TYPE, body: feeds.tripUpdates, cache: 'no-cache' },
    [FEED_PATHS.alerts]: { type: PROTOBUF_TYPE, body: feeds.alerts, cache: 'no-cache' },
  };
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://twin').pathname;
    const route = routes[path];
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`no feed at ${path}; feeds: ${Object.values(FEED_PATHS).join(', ')}\n`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end(`${req.method} is not allowed; use GET\n`);
      return;
    }
    let body: Uint8Array;
    try {
      body = route.body();
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`could not build the feed: ${err instanceof Error ? err.message : String(err)}\n`);
      return;
    }
    res.writeHead(200, {
      'content-type': route.type,
      'content-length': body.byteLength,
      'cache-control': route.cache,
      ...(route.filename ? { 'content-disposition': `attachment; filename="${route.filename}"` } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  });
}
