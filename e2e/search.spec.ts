import { expect, test } from '@playwright/test';
import { boundsOfPaths } from '../lib/map/bounds';
import type { TransitNetwork } from '../lib/protocol/transit';
import { fetchNetwork, waitForMap } from './map-helpers';
import { sharedSystem, type SharedSystem } from './system';

let system: SharedSystem;

test.beforeAll(async () => {
  system = sharedSystem();
});

const centreOf = (page: import('@playwright/test').Page) =>
  page.evaluate(() => {
    const c = window.__polis!.map.getCenter();
    return [c.lng, c.lat] as [number, number];
  });

test('search finds a street by name and flies the map to it', async ({ page }, info) => {
  await page.goto(system.url);
  await waitForMap(page);
  const network = await fetchNetwork(page, system.url);
  const name = network.segments.filter((s) => s.roadClass === 'secondary' && !s.name.startsWith('Unnamed')).sort((a, b) => b.lengthM - a.lengthM)[0].name;
  const box = boundsOfPaths(network.segments.filter((s) => s.name === name).map((s) => s.path))!;
  const before = await centreOf(page);

  // Keyboard only: "/" focuses the search, Enter takes the first match.
  await page.keyboard.press('/');
  await page.keyboard.type(name);
  await expect(page.getByTestId('search-results').getByRole('option').first()).toContainText(name);
  await info.attach('search-results', { body: await page.screenshot(), contentType: 'image/png' });
  await page.keyboard.press('Enter');

  await expect
    .poll(async () => {
      const [lng, lat] = await centreOf(page);
      return lng >= box[0] - 0.001 && lng <= box[2] + 0.001 && lat >= box[1] - 0.001 && lat <= box[3] + 0.001;
    })
    .toBe(true);
  expect(await centreOf(page)).not.toEqual(before);
  // Its details open beside the map.
  await expect(page.getByTestId('segment-panel')).toContainText(name);
  await info.attach('search-flew-to-street', { body: await page.screenshot(), contentType: 'image/png' });
});

test('search finds a stop and flies to it', async ({ page }, info) => {
  const res = await fetch(`${system.modelsUrl}/v1/transit/network`);
  expect(res.ok, 'the transit network is served').toBe(true);
  const stop = ((await res.json()) as TransitNetwork).stops[0];
  await page.goto(system.url);
  await waitForMap(page);
  await page.getByTestId('search-input').fill(stop.name);
  await page.getByTestId('search-results').getByRole('option').filter({ hasText: 'Stop' }).first().click();
  await expect
    .poll(async () => {
      const [lng, lat] = await centreOf(page);
      return Math.hypot(lng - stop.location[0], lat - stop.location[1]) < 0.002;
    })
    .toBe(true);
  await info.attach('search-flew-to-stop', { body: await page.screenshot(), contentType: 'image/png' });
});
