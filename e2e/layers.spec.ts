import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { congestionBands } from '../lib/domain/congestion';
import { aqiLevelStyles } from '../lib/map/aqi-palette';
import { utilisationBands } from '../lib/map/grid-colours';
import { incidentKinds, incidentStyles } from '../lib/map/icons';
import type { GridNetwork } from '../lib/protocol/grid';
import type { LayerName } from '../lib/protocol/layers';
import type { TransitNetwork } from '../lib/protocol/transit';
import { changedPixels, countColourPixels, mapOnlyShot, screenPoint, waitForLayerDrawn } from './layer-pixels';
import { waitForMap } from './map-helpers';
import { sharedSystem, type SharedSystem } from './system';

let system: SharedSystem;

test.beforeAll(async () => {
  system = sharedSystem();
});

type Rgb = readonly [number, number, number];
const toggleNames: Record<string, RegExp> = {
  traffic: /^traffic$/i,
  grid: /electricity grid/i,
  air: /air quality/i,
  airSurface: /interpolated surface/i,
  transit: /^transit$/i,
  incidents: /incidents/i,
  weather: /weather/i,
};
const toggle = (page: Page, id: string) => page.getByRole('checkbox', { name: toggleNames[id] });

async function openControlRoom(page: Page) {
  await page.goto(system.url);
  await waitForMap(page);
}

/** The model services' current items of a layer, once at least `atLeast` have arrived. */
async function liveItems<T>(layer: LayerName, atLeast = 1): Promise<Record<string, T>> {
  let items: Record<string, T> = {};
  await expect
    .poll(
      async () => {
        const res = await fetch(`${system.modelsUrl}/v1/state/${layer}`);
        expect(res.status, `GET /v1/state/${layer}`).toBe(200);
        items = ((await res.json()) as { items: Record<string, T> }).items;
        return Object.keys(items).length;
      },
      { timeout: 90_000, message: `${layer} items from the model services` },
    )
    .toBeGreaterThanOrEqual(atLeast);
  return items;
}

async function getJson<T>(url: string): Promise<T | null> {
  const res = await fetch(url);
  return res.ok ? ((await res.json()) as T) : null;
}

/** Switch a layer and let deck.gl draw the change. */
async function setLayer(page: Page, id: string, on: boolean) {
  await toggle(page, id).setChecked(on);
  await page.waitForTimeout(700);
}

/**
 * The person's view of one layer: with only it on, pixels in its legend colours appear; switched
 * off, they go. Screenshots of both states are attached.
 */
async function expectLayerToggles(page: Page, testInfo: TestInfo, id: string, layer: LayerName, colours: readonly Rgb[], minPixels: number) {
  await setLayer(page, 'traffic', false);
  const base = countColourPixels((await mapOnlyShot(page)).img, colours);

  await setLayer(page, id, true);
  await waitForLayerDrawn(page, layer);
  // Software GL on a busy machine can take a few frames to show a newly visible layer.
  let shown = 0;
  await expect
    .poll(async () => (shown = countColourPixels((await mapOnlyShot(page)).img, colours)) - base, {
      timeout: 20_000,
      message: `${id}: pixels in its legend colours when switched on (base ${base})`,
    })
    .toBeGreaterThan(minPixels);
  await testInfo.attach(`${id}-on`, { body: await page.screenshot(), contentType: 'image/png' });

  await setLayer(page, id, false);
  await expect
    .poll(async () => countColourPixels((await mapOnlyShot(page)).img, colours), {
      timeout: 20_000,
      message: `${id}: pixels in its legend colours after switching off (base ${base}, on ${shown})`,
    })
    .toBeLessThanOrEqual(base + minPixels / 4);
  await testInfo.attach(`${id}-off`, { body: await page.screenshot(), contentType: 'image/png' });
}

/** Hover each candidate point until a tooltip of the kind shows; returns its text. */
async function hoverForTooltip(page: Page, points: (readonly [number, number])[], kind: string): Promise<string> {
  const tip = page.locator(`[data-testid="feature-tooltip"][data-kind="${kind}"]`);
  for (const p of points) {
    const at = await screenPoint(page, p);
    if (!at) continue;
    await page.mouse.move(at.x, at.y);
    const shown = await tip
      .waitFor({ state: 'visible', timeout: 800 })
      .then(() => true)
      .catch(() => false);
    if (shown) return tip.innerText();
  }
  throw new Error(`no ${kind} showed a tooltip on hover`);
}

test('every layer has a labelled toggle that works from the keyboard', async ({ page }) => {
  await openControlRoom(page);
  const panel = page.getByTestId('layer-panel');
  await expect(panel).toBeVisible();
  for (const id of ['traffic', 'grid', 'air', 'transit', 'incidents', 'weather']) await expect(toggle(page, id)).toBeVisible();
  await expect(toggle(page, 'traffic')).toBeChecked();
  await expect(toggle(page, 'grid')).not.toBeChecked();

  await toggle(page, 'grid').focus();
  await page.keyboard.press('Space');
  await expect(toggle(page, 'grid')).toBeChecked();
  await expect(page.getByTestId('legend-grid')).toBeVisible();
  await page.keyboard.press('Space');
  await expect(toggle(page, 'grid')).not.toBeChecked();
  await expect(page.getByTestId('legend-grid')).toBeHidden();
});

test('traffic switches off and on, its colours leaving and returning', async ({ page }, testInfo) => {
  await openControlRoom(page);
  const bands = congestionBands.map((b) => b.rgb);
  const on = countColourPixels((await mapOnlyShot(page)).img, bands, 28);
  await setLayer(page, 'traffic', false);
  const off = await mapOnlyShot(page);
  await testInfo.attach('traffic-off', { body: off.png, contentType: 'image/png' });
  await expect(page.getByTestId('legend')).toBeHidden();
  await setLayer(page, 'traffic', true);
  await expect(page.getByTestId('legend')).toContainText(/free flow/i);
  expect(on).toBeGreaterThan(5000);
  expect(countColourPixels(off.img, bands, 28)).toBeLessThan(on / 20);
  await expect.poll(async () => countColourPixels((await mapOnlyShot(page)).img, bands, 28), { timeout: 20_000 }).toBeGreaterThan(on / 2);
});

test('the grid shows feeders by utilisation and substations by load, as its legend says', async ({ page }, testInfo) => {
  await liveItems('grid');
  await openControlRoom(page);
  await expectLayerToggles(page, testInfo, 'grid', 'grid', utilisationBands.map((b) => b.rgb), 150);

  await setLayer(page, 'grid', true);
  const legend = page.getByTestId('legend-grid');
  for (const label of [/overloaded/i, /high/i, /normal/i, /light/i, /substation, sized by load/i, /battery/i]) await expect(legend).toContainText(label);
  await expect(page.getByTestId('layer-note-grid')).toContainText(/substations · \d+ feeders · \d+ overloaded/);

  const network = (await getJson<GridNetwork>(`${system.url}api/grid/network`)) ?? (await getJson<GridNetwork>(`${system.modelsUrl}/v1/grid/network`));
  expect(network, 'the grid network').not.toBeNull();
  const text = await hoverForTooltip(page, network!.substations.map((s) => s.location), 'substation');
  expect(text).toMatch(/kW of/);
  expect(text).toMatch(/\d+ %/);
  await testInfo.attach('grid-tooltip', { body: await page.screenshot(), contentType: 'image/png' });
});

test('air quality shows stations in their AQI colours and a smooth surface', async ({ page }, testInfo) => {
  const stations = await liveItems<{ location: [number, number]; name: string }>('air', 2);
  await openControlRoom(page);
  await expectLayerToggles(page, testInfo, 'air', 'air', aqiLevelStyles.map((s) => s.rgb), 150);

  await setLayer(page, 'air', true);
  await expect(page.getByTestId('legend-air')).toContainText(/AQI/);
  await expect(page.getByTestId('legend-air')).toContainText(/0–50/);

  // The surface: switching it changes a broad area of the map, not just the station dots.
  await setLayer(page, 'airSurface', false);
  const without = await mapOnlyShot(page);
  await setLayer(page, 'airSurface', true);
  const withSurface = await mapOnlyShot(page);
  await testInfo.attach('air-surface', { body: withSurface.png, contentType: 'image/png' });
  expect(changedPixels(without.img, withSurface.img)).toBeGreaterThan(20_000);

  const points = Object.values(stations).map((s) => s.location);
  const text = await hoverForTooltip(page, points, 'station');
  expect(text).toMatch(/AQI/);
  expect(text).toMatch(/µg\/m³/);

  // Clicking a station opens its details; Escape closes them.
  for (const p of points) {
    const at = await screenPoint(page, p);
    if (!at) continue;
    await page.mouse.click(at.x, at.y);
    if (await page.getByTestId('feature-panel').isVisible()) break;
  }
  const panel = page.locator('[data-testid="feature-panel"]');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText(/PM10/);
  await testInfo.attach('air-panel', { body: await page.screenshot(), contentType: 'image/png' });
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
});

test('transit shows routes in their GTFS colours, stops and buses', async ({ page }, testInfo) => {
  await liveItems('transit');
  const network = (await getJson<TransitNetwork>(`${system.url}api/transit/network`)) ?? (await getJson<TransitNetwork>(`${system.modelsUrl}/v1/transit/network`));
  expect(network, 'the transit network is served').toBeTruthy();
  await openControlRoom(page);
  const colours = network!.routes.map((r) => [Number.parseInt(r.color.slice(0, 2), 16), Number.parseInt(r.color.slice(2, 4), 16), Number.parseInt(r.color.slice(4, 6), 16)] as const);
  await expectLayerToggles(page, testInfo, 'transit', 'transit', colours, 300);

  await setLayer(page, 'transit', true);
  await expect(page.getByTestId('legend-transit')).toContainText(/direction of travel/);
  await expect(page.getByTestId('route-list').locator('li')).toHaveCount(network!.routes.length);
  const text = await hoverForTooltip(page, network!.stops.map((s) => s.location), 'stop');
  expect(text).toMatch(/buses on the way/i);
});

test('incidents show a sign per kind, as the legend shows them', async ({ page }, testInfo) => {
  await liveItems('incidents');
  await openControlRoom(page);
  await expectLayerToggles(page, testInfo, 'incidents', 'incidents', incidentKinds.map((k) => incidentStyles[k].rgb), 40);

  await setLayer(page, 'incidents', true);
  for (const k of incidentKinds) await expect(page.getByTestId('legend-incidents')).toContainText(incidentStyles[k].label);
  // At ×60 an incident lasts seconds of wall time: hover the ones live now, asking again if they end.
  let text = '';
  await expect
    .poll(
      async () => {
        const now = await liveItems<{ location: [number, number]; kind: string }>('incidents');
        text = await hoverForTooltip(page, Object.values(now).map((i) => i.location), 'incident').catch(() => '');
        return text;
      },
      { timeout: 45_000, message: 'an incident tooltip on hover' },
    )
    .toMatch(/capacity left/i);
});

test('the weather readout shows temperature, wind with its direction, rain and sunshine', async ({ page }, testInfo) => {
  await liveItems('weather');
  await openControlRoom(page);
  const readout = page.getByTestId('weather-readout');
  await expect(readout).toBeVisible();
  await expect(readout).toContainText(/-?\d+\.\d °C/);
  await expect(readout).toContainText(/m\/s from (N|NE|E|SE|S|SW|W|NW)/);
  await expect(readout).toContainText(/rain|dry/i);
  await expect(readout).toContainText(/W\/m²/);
  await expect(readout.getByTestId('wind-arrow')).toHaveAttribute('style', /rotate\(\d+(\.\d+)?deg\)/);
  await testInfo.attach('weather-on', { body: await page.getByTestId('layer-panel').screenshot(), contentType: 'image/png' });
  await setLayer(page, 'weather', false);
  await expect(readout).toBeHidden();
});
