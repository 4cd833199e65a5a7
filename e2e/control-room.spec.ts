import { expect, test, type Page } from '@playwright/test';
import { changedBandPixels, countBandPixels, decode, distinctColours } from './pixels';
import { headerItems, overlap } from './header-fit';
import { fetchNetwork, pointsOnSegment, visibleMajorSegments, waitForMap } from './map-helpers';
import { sharedSystem, type SharedSystem } from './system';

let system: SharedSystem;

test.beforeAll(async () => {
  system = sharedSystem();
});

async function openControlRoom(page: Page) {
  await page.goto(system.url);
  await waitForMap(page);
}

/** Hover points on major segments until the tooltip shows; returns where it showed. */
async function hoverSomeSegment(page: Page) {
  const network = await fetchNetwork(page, system.url);
  for (const seg of await visibleMajorSegments(page, network)) {
    for (const p of await pointsOnSegment(page, seg)) {
      await page.mouse.move(p.x, p.y);
      const tip = page.getByTestId('segment-tooltip');
      // The tooltip must be about this segment at this point, not left over from the last one.
      const shown = await expect
        .poll(async () => ((await tip.isVisible()) ? await tip.innerText() : ''), { timeout: 600 })
        .toContain(seg.name)
        .then(() => true, () => false);
      if (shown) return { seg, point: p, tip };
    }
  }
  throw new Error('no segment showed a tooltip on hover');
}

test('the control room draws the city map with live traffic colours', async ({ page }, testInfo) => {
  await openControlRoom(page);
  const shot = await page.locator('[data-map-ready="true"]').screenshot();
  await testInfo.attach('control-room', { body: shot, contentType: 'image/png' });
  const img = decode(shot);
  // A drawn basemap has many colours (land, water, parks, casing, labels); a blank canvas has one.
  expect(distinctColours(img)).toBeGreaterThan(20);
  const bands = countBandPixels(img);
  const trafficPixels = bands.reduce((a, b) => a + b, 0);
  expect(trafficPixels).toBeGreaterThan(5000);
});

test('the legend says what each traffic colour means', async ({ page }) => {
  await openControlRoom(page);
  const legend = page.getByRole('region', { name: /speed/i }).or(page.getByTestId('legend'));
  await expect(legend.first()).toBeVisible();
  for (const label of [/free flow/i, /moderate/i, /heavy/i, /severe/i, /no data/i]) await expect(legend.first()).toContainText(label);
});

test('segment colours change as the twin moves on, without a reload', async ({ page }, testInfo) => {
  await openControlRoom(page);
  const map = page.locator('[data-map-ready="true"]');
  const before = await map.screenshot();
  const versionBefore = await page.evaluate(() => window.__polis?.lastRenderedVersion ?? 0);
  // New versions keep arriving (every 500 ms poll) and, as twin time runs on at ×60, some segments
  // change congestion band: the gateway's dead-band (lib/protocol/dead-band.ts) lets those through
  // while it holds back sub-km/h noise. A quiet hour of the day changes few, so look until it shows.
  let after = before;
  await expect
    .poll(
      async () => {
        after = await map.screenshot();
        return changedBandPixels(decode(before), decode(after));
      },
      { timeout: 90_000, intervals: [2_000], message: 'segments drawn in another congestion colour' },
    )
    .toBeGreaterThan(10);
  expect(await page.evaluate(() => window.__polis?.lastRenderedVersion ?? 0)).toBeGreaterThan(versionBefore);
  await testInfo.attach('before', { body: before, contentType: 'image/png' });
  await testInfo.attach('after', { body: after, contentType: 'image/png' });
});

test('hovering a segment shows its name, class, speed, flow and reading time', async ({ page }, testInfo) => {
  await openControlRoom(page);
  const { seg, tip } = await hoverSomeSegment(page);
  await expect(tip).toContainText(seg.name);
  await expect(tip).toContainText(/arterial|collector|ring road|local street/i);
  await expect(tip).toContainText(/km\/h/);
  await expect(tip).toContainText(/veh\/h/);
  await expect(tip).toContainText(/\d{2}:\d{2}:\d{2}/);
  await testInfo.attach('tooltip', { body: await page.screenshot(), contentType: 'image/png' });
});

test('clicking a segment opens a panel with its speed history and forecast chart', async ({ page }, testInfo) => {
  await openControlRoom(page);
  const { seg, point } = await hoverSomeSegment(page);
  await page.mouse.click(point.x, point.y);
  const panel = page.getByTestId('segment-panel');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText(seg.name);
  const chart = panel.locator('.recharts-surface').first();
  await expect(chart).toBeVisible();
  // Both the observed history and the forecast are drawn as real lines.
  await expect
    .poll(async () => panel.locator('.recharts-line path.recharts-curve').count(), { timeout: 20_000 })
    .toBeGreaterThanOrEqual(2);
  await expect(panel.locator('.recharts-area')).not.toHaveCount(0);
  await testInfo.attach('panel', { body: await page.screenshot(), contentType: 'image/png' });
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
});

test('the status line shows when data last arrived and from which source', async ({ page }) => {
  await openControlRoom(page);
  const status = page.getByTestId('status-line');
  await expect(status).toHaveAttribute('data-state', 'live');
  await expect(status).toContainText(/city-twin/);
  await expect(status).toContainText(/updated/i);
});

test('the pages menu leads from the control room to the model cards of the registry', async ({ page }, testInfo) => {
  await page.goto(system.url);
  const menu = page.getByTestId('pages-menu');
  await menu.getByText('Pages').click();
  await menu.getByRole('link', { name: 'Model cards' }).click();
  await expect(page).toHaveURL(/\/models$/);
  await expect(page.getByRole('heading', { name: 'Model cards' })).toBeVisible();
  // Every forecast target has a card; a fresh system has trained none and says so.
  await expect(page.getByTestId('model-card')).toHaveCount(7);
  await expect(page.getByTestId('model-card').first()).toContainText(/Serving|No trained model yet/);
  await testInfo.attach('model-cards', { body: await page.screenshot(), contentType: 'image/png' });
});

test.describe('on a 4K video wall', () => {
  test.use({ viewport: { width: 3840, height: 2160 } });

  test('the map fills the wall with live traffic, and the header reads larger with nothing overlapping', async ({ page }, testInfo) => {
    await openControlRoom(page);
    await expect(page.getByTestId('figure-speed')).toContainText(/\d/);
    await testInfo.attach('control-room-4k', { body: await page.screenshot(), contentType: 'image/png' });
    const map = page.locator('[data-map-ready="true"]');
    const box = await map.boundingBox();
    // The map is the centre of the screen: most of the wall's width and height.
    expect(box!.width).toBeGreaterThan(0.6 * 3840);
    expect(box!.height).toBeGreaterThan(0.75 * 2160);
    const bands = countBandPixels(decode(await map.screenshot()));
    expect(bands.reduce((a, b) => a + b, 0)).toBeGreaterThan(20_000);
    // Wall sizes: the headline figures are set larger than on a desk screen, to be read from afar.
    const valuePx = await page.getByTestId('figure-speed').locator('dd').evaluate((dd) => parseFloat(getComputedStyle(dd).fontSize));
    expect(valuePx).toBeGreaterThanOrEqual(24);
    const { header, items, placeholderCut } = await headerItems(page);
    expect(items.flatMap((a, i) => items.slice(i + 1).filter((b) => overlap(a.box, b.box)).map((b) => `${a.name} × ${b.name}`))).toEqual([]);
    expect(items.filter((i) => i.box.left < header.left || i.box.right > header.right).map((i) => i.name)).toEqual([]);
    expect([...items.flatMap((i) => i.cut), ...placeholderCut]).toEqual([]);
  });
});
