import { expect, test } from '@playwright/test';
import { waitForMap } from './map-helpers';
import { signedInState, startSystem, type System } from './system';

let system: System;
// Its own system: this spec stops the model services, which the shared system's specs need.
test.use({ storageState: signedInState('stale') });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  system = await startSystem('stale');
});

test.afterAll(async () => {
  await system?.stop();
});

test('the map says stale when the model services stop, and live again when they return', async ({ page }, testInfo) => {
  await page.goto(system.url);
  await waitForMap(page);
  const status = page.getByTestId('status-line');
  await expect(status).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('stale-banner')).toBeHidden();

  await system.stopModels();
  // Within one poll interval (0.5 s here) plus a second, with some room for a loaded CI machine.
  await expect(status).toHaveAttribute('data-state', 'stale', { timeout: 5_000 });
  await expect(page.getByTestId('stale-banner')).toBeVisible();
  await expect(page.getByTestId('stale-banner')).toContainText(/stale/i);
  await testInfo.attach('stale', { body: await page.screenshot(), contentType: 'image/png' });

  await system.startModels();
  await expect(status).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
  await expect(page.getByTestId('stale-banner')).toBeHidden();
  await testInfo.attach('live-again', { body: await page.screenshot(), contentType: 'image/png' });
});
