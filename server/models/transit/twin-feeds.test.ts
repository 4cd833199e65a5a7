import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { generateCity } from '../../twin/city';
import { TrafficSim } from '../../twin/sim';
import { createTransitDomain } from '../../twin/transit/domain';
import { createFeedServer, FEED_PATHS } from '../../twin/transit/feed-server';
import { MILD_WEATHER } from '../../twin/twin-domains';
import { openPglite } from '../../store/pglite';
import { Store } from '../../store/store';
import { createTransitModelsWith } from './domain';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

describe('the model services reading the twin’s own transit feeds', () => {
  it('load its network and put its running buses on the transit layer', async () => {
    const start = Date.parse('2026-01-05T08:00:00Z');
    const city = generateCity({ seed: 42, size: 2000 });
    const traffic = new TrafficSim(city, { seed: 42, start });
    const transit = createTransitDomain({ city, traffic, seed: 42, weather: () => MILD_WEATHER });
    transit.step(start);
    transit.step(start + 10_000);
    const server = createFeedServer(transit);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise((r) => server.close(() => r())));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const store = await Store.open(await openPglite());
    cleanup.push(() => store.close());
    const models = await createTransitModelsWith(
      { store, log: () => undefined, now: () => start },
      { gtfs: `${base}${FEED_PATHS.static}`, vehiclePositions: `${base}${FEED_PATHS.vehiclePositions}`, tripUpdates: `${base}${FEED_PATHS.tripUpdates}`, alerts: `${base}${FEED_PATHS.alerts}`, pollMs: 200 },
    );
    cleanup.push(() => models.close?.() ?? Promise.resolve());
    await models.ready();
    for (let i = 0; i < 100 && models.status().vehiclePositions.accepted < 2; i++) await new Promise((r) => setTimeout(r, 50));

    expect(models.status().static.routes).toBeGreaterThanOrEqual(12);
    expect(models.layers[0].size).toBe(transit.buses().length);
    expect(models.status().vehiclePositions.refused + models.status().tripUpdates.refused + models.status().alerts.refused).toBe(0);
  });
});
