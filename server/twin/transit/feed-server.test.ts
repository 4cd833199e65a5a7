import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createFeedServer, FEED_PATHS } from './feed-server';

const bytes = (s: string) => new TextEncoder().encode(s);
const servers: Array<ReturnType<typeof createFeedServer>> = [];

async function serve(): Promise<string> {
  const server = createFeedServer({ staticZip: () => bytes('zip'), vehiclePositions: () => bytes('vp'), tripUpdates: () => bytes('tu'), alerts: () => bytes('al') });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

describe('the twin feed server', () => {
  it('serves the static feed as application/zip', async () => {
    const res = await fetch(`${await serve()}${FEED_PATHS.static}`);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(await res.text()).toBe('zip');
  });

  it('serves each GTFS-Realtime feed as protobuf, never cached', async () => {
    const base = await serve();
    for (const [path, body] of [
      [FEED_PATHS.vehiclePositions, 'vp'],
      [FEED_PATHS.tripUpdates, 'tu'],
      [FEED_PATHS.alerts, 'al'],
    ]) {
      const res = await fetch(`${base}${path}`);
      expect(res.headers.get('content-type')).toBe('application/x-protobuf');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toBe(body);
    }
  });

  it('answers 404 naming the feeds for an unknown path', async () => {
    const res = await fetch(`${await serve()}/gtfs-rt/nope.pb`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain(FEED_PATHS.tripUpdates);
  });

  it('refuses a POST with 405', async () => {
    const res = await fetch(`${await serve()}${FEED_PATHS.alerts}`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
  });
});
