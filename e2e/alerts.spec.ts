import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { IncidentResponse } from '../lib/protocol/twin-control';
import { fetchNetwork, waitForMap } from './map-helpers';
import { ensureUser, sharedSystem, type SharedSystem } from './system';

let system: SharedSystem;
const OPERATOR = { email: 'e2e-operator@polis.local', password: 'e2e operator password' } as const;

test.beforeAll(async () => {
  system = sharedSystem();
  await ensureUser(system.url, { ...OPERATOR, role: 'operator' });
});

/** A browser context signed in as the operator (not the admin of the default storage state). */
async function operatorScreen(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const res = await context.request.post(`${system.url}api/auth/login`, { data: OPERATOR });
  expect(res.ok(), await res.text()).toBe(true);
  const page = await context.newPage();
  await page.goto(system.url);
  await waitForMap(page);
  await expect(page.getByTestId('alerts-panel')).toBeVisible();
  return { context, page };
}

test('an incident raised by the twin alerts every operator, and an acknowledgement shows on every screen', async ({ browser }, info) => {
  const a = await operatorScreen(browser);
  const b = await operatorScreen(browser);

  // A named arterial, closed by a crash.
  const network = await fetchNetwork(a.page, system.url);
  const segment = network.segments.filter((s) => s.roadClass === 'primary' && !s.name.startsWith('Unnamed')).sort((x, y) => y.lengthM - x.lengthM)[0];
  const res = await fetch(`${system.twinControlUrl}/incidents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ segmentId: segment.id, capacityFactor: 0, minutes: 120, severity: 'high' }),
  });
  expect(res.status).toBe(201);
  const incident = (await res.json()) as IncidentResponse;

  const alertOn = (page: Page) => page.getByTestId('alert').filter({ hasText: incident.description });
  await expect(alertOn(a.page)).toBeVisible({ timeout: 60_000 });
  await expect(alertOn(b.page)).toBeVisible({ timeout: 20_000 });
  await expect(alertOn(a.page)).toHaveAttribute('data-status', 'new');
  await expect(alertOn(a.page)).toHaveAttribute('data-severity', 'critical');
  await info.attach('alert-new-screen-a', { body: await a.page.screenshot(), contentType: 'image/png' });

  await alertOn(a.page).getByTestId('alert-ack').click();
  await expect(alertOn(a.page)).toHaveAttribute('data-status', 'acknowledged');
  // The other operator's screen hears of it live, with who acknowledged it.
  await expect(alertOn(b.page)).toHaveAttribute('data-status', 'acknowledged', { timeout: 10_000 });
  await expect(alertOn(b.page).getByTestId('alert-status')).toContainText(`Acknowledged by ${OPERATOR.email}`);
  await expect(alertOn(b.page).getByTestId('alert-ack')).toHaveCount(0);
  await info.attach('alert-acknowledged-screen-a', { body: await a.page.screenshot(), contentType: 'image/png' });
  await info.attach('alert-acknowledged-screen-b', { body: await b.page.screenshot(), contentType: 'image/png' });

  // Clicking the alert flies the map to it and opens its details.
  await alertOn(b.page).getByRole('button', { name: incident.description }).click();
  await expect
    .poll(async () =>
      b.page.evaluate(([lon, lat]) => {
        const c = window.__polis!.map.getCenter();
        return Math.hypot(c.lng - lon, c.lat - lat) < 0.002;
      }, segment.path[Math.floor(segment.path.length / 2)]),
    )
    .toBe(true);
  await info.attach('alert-focused-screen-b', { body: await b.page.screenshot(), contentType: 'image/png' });

  await a.context.close();
  await b.context.close();
});

test('the header shows the headline figures from live data', async ({ page }, info) => {
  await page.goto(system.url);
  await waitForMap(page);
  await expect(page.getByTestId('figure-speed')).toContainText(/\d+ km\/h/);
  await expect(page.getByTestId('figure-congestion')).toContainText(/\d+ %/);
  await expect(page.getByTestId('figure-grid')).toContainText(/MW/);
  await expect(page.getByTestId('figure-aqi')).toContainText(/\d/);
  await expect(page.getByTestId('figure-late')).toContainText(/\d+ \/ \d+/);
  // The admin watches but may not acknowledge: no button offered.
  await expect(page.getByTestId('alert-ack')).toHaveCount(0);
  await info.attach('headline-figures', { body: await page.screenshot(), contentType: 'image/png' });
});
