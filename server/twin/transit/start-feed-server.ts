import type { Server } from 'node:http';
import type { TwinDomain } from '../domain';
import { isTransitTwin } from './domain';
import { createFeedServer, FEED_PATHS } from './feed-server';

/**
 * Start the transit feed server for the twin's transit domain, if it has one. A port in use is
 * logged and the twin carries on without feeds: the traffic must not stop for the buses.
 */
export async function startFeedServer(domains: readonly TwinDomain[], port: number, host: string, log: { info: (m: string) => void; warn: (m: string) => void }): Promise<Server | null> {
  const transit = domains.find(isTransitTwin);
  if (!transit) return null;
  const server = createFeedServer(transit);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, resolve);
    });
  } catch (err) {
    log.warn(`transit feeds not published: cannot listen on ${host}:${port} (${err instanceof Error ? err.message : String(err)})`);
    return null;
  }
  log.info(`transit feeds: ${transit.feed.routes.length} routes, ${transit.feed.trips.length} trips; GTFS at http://${host}:${port}${FEED_PATHS.static}, GTFS-Realtime at http://${host}:${port}/gtfs-rt/`);
  return server;
}
