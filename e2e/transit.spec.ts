import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { firstViewJs } from './first-view-js';
import { sharedSystem, type SharedSystem } from './system';

let system: SharedSystem;

// A phone, signed out: the public view needs no account.
test.use({ viewport: { width: 360, height: 740 }, storageState: { cookies: [], origins: [] }, isMobile: true, hasTouch: true });

test.beforeAll(async () => {
  system = sharedSystem();
});

const busPositions = (page: Page) =>
  page.locator('[data-vehicle]').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-vehicle'), `${e.getAttribute('data-x')},${e.getAttribute('data-y')}`])));

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('on a phone: open, see buses move, open a stop, see its arrivals count down', async ({ page }, testInfo) => {
  await page.goto(`${system.url}transit`);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
  await expect(page.locator('[data-vehicle]').first()).toBeAttached({ timeout: 60_000 });
  const before = await busPositions(page);
  await testInfo.attach('buses', { body: await page.screenshot(), contentType: 'image/png' });
  await expect.poll(async () => {
    const now = await busPositions(page);
    return Object.keys(now).filter((id) => before[id] !== undefined && before[id] !== now[id]).length;
  }, { timeout: 30_000 }).toBeGreaterThan(0);

  // A stop with buses due (asked the way the page asks), found by searching, as a keyboard user would.
  const name = await page.evaluate(async () => {
    const net = (await (await fetch('/api/transit/network')).json()) as { stops: Array<{ id: string; name: string }> };
    for (const stop of net.stops) {
      const res = await fetch(`/api/transit/stops/${encodeURIComponent(stop.id)}/arrivals?minutes=30`);
      const body = (await res.json()) as { arrivals?: unknown[] };
      if (body.arrivals?.length && net.stops.filter((s) => s.name === stop.name).length === 1) return stop.name;
    }
    return null;
  });
  expect(name, 'a stop with arrivals in the next 30 minutes').toBeTruthy();
  if (!name) return;
  await page.getByLabel('Find a stop or route').fill(name);
  await page.getByTestId('search-results').getByRole('button').filter({ hasText: name }).first().click();
  const panel = page.getByTestId('stop-panel');
  await expect(panel.getByRole('heading', { name })).toBeVisible();
  const countdown = panel.getByTestId('countdown').first();
  await expect(countdown).toBeVisible({ timeout: 30_000 });
  const first = await countdown.textContent();
  // Under 10 minutes it ticks each second; beyond, whole minutes change by the next answer (15 s).
  await expect.poll(() => countdown.textContent(), { timeout: 20_000 }).not.toBe(first);
  await testInfo.attach('stop-arrivals', { body: await page.screenshot(), contentType: 'image/png' });

  // The map's stops can be tapped too.
  const mapStop = page.locator('[data-stop]').nth(5);
  await mapStop.dispatchEvent('click');
  await expect(mapStop).toHaveAttribute('data-selected', 'true');

  expect(await seriousViolations(page)).toEqual([]);
});

test('tapping a route shows its buses', async ({ page }, testInfo) => {
  await page.goto(`${system.url}transit`);
  await expect(page.locator('[data-vehicle]').first()).toBeAttached({ timeout: 60_000 });
  await page.getByRole('navigation', { name: 'Routes' }).getByRole('button').first().tap();
  await expect(page.getByTestId('route-panel')).toContainText(/in service/);
  await testInfo.attach('route', { body: await page.screenshot(), contentType: 'image/png' });
  expect(await seriousViolations(page)).toEqual([]);
});

test('tapping a route opens today’s timetable on a 360 px screen, the next departures marked', async ({ page }, testInfo) => {
  await page.goto(`${system.url}transit`);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
  const expected = await page.evaluate(async () => {
    const net = (await (await fetch('/api/transit/network')).json()) as { routes: Array<{ id: string }> };
    const id = net.routes[0].id;
    const t = (await (await fetch(`/api/transit/routes/${encodeURIComponent(id)}/timetable`)).json()) as { asOf: string; directions: Array<{ stops: Array<{ departures: string[] }> }> };
    const stops = t.directions.flatMap((d) => d.stops);
    return { stops: stops.length, firstHasNext: stops[0]?.departures.some((x) => Date.parse(x) >= Date.parse(t.asOf)) ?? false };
  });
  expect(expected.stops).toBeGreaterThan(0);
  await page.getByRole('navigation', { name: 'Routes' }).getByRole('button').first().tap();
  const timetable = page.getByTestId('route-timetable');
  await expect(timetable).toBeVisible({ timeout: 15_000 });
  await expect(timetable.getByTestId('timetable-stop')).toHaveCount(expected.stops);
  const first = timetable.getByTestId('timetable-stop').first();
  await first.locator('summary').tap();
  await expect(first.getByRole('listitem').first()).toBeVisible();
  if (expected.firstHasNext) {
    await expect(first.locator('summary')).toContainText(/next \d\d:\d\d/);
    await expect(first.locator('li[aria-current="time"]')).toHaveCount(1);
  } else await expect(first.locator('summary')).toContainText('no more today');
  // Nothing wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await testInfo.attach('route-timetable', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  expect(await seriousViolations(page)).toEqual([]);
});

test('says clearly when it is offline and the data may be out of date', async ({ page, context }, testInfo) => {
  await page.goto(`${system.url}transit`);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
  await context.setOffline(true);
  await expect(page.getByTestId('stale-notice')).toContainText(/offline/i, { timeout: 15_000 });
  await testInfo.attach('offline', { body: await page.screenshot(), contentType: 'image/png' });
  await context.setOffline(false);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
});

test('its first view loads under 200 KB of JavaScript', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const js = await firstViewJs(await context.newPage(), `${system.url}transit`);
  await context.close();
  testInfo.annotations.push({ type: 'first-view JS', description: `${js.transferred} B transferred, ${js.decoded} B decoded, ${js.files} files` });
  console.log(`[transit] first-view JS: ${(js.transferred / 1024).toFixed(1)} KiB transferred, ${(js.decoded / 1024).toFixed(1)} KiB decoded, ${js.files} files`);
  expect(js.transferred).toBeLessThan(200 * 1024);
});

test('publishes the GTFS and GTFS-Realtime feeds on the web origin, with no sign-in', async ({ request }) => {
  const zip = await request.get(`${system.url}transit/gtfs.zip`);
  expect(zip.status()).toBe(200);
  expect(zip.headers()['content-type']).toBe('application/zip');
  expect([...(await zip.body()).subarray(0, 2)]).toEqual([0x50, 0x4b]);
  for (const feed of ['vehicle-positions', 'trip-updates', 'alerts']) {
    const res = await request.get(`${system.url}transit/gtfs-rt/${feed}.pb`);
    expect(res.status(), feed).toBe(200);
    expect(res.headers()['content-type']).toBe('application/x-protobuf');
  }
  expect((await request.get(`${system.url}transit/gtfs-rt/secrets.pb`)).status()).toBe(404);
});

// ---- the public socket, with a raw Socket.IO client (no page, no cookie) ----

type Raw = Socket;
const connect = (ns: string): Raw => io(`${system.url.replace(/\/$/, '')}${ns}`, { transports: ['websocket'], reconnection: false, forceNew: true });
const opened = (s: Raw) =>
  new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
const ask = (s: Raw, event: string, payload: unknown) => s.timeout(5000).emitWithAck(event, payload) as Promise<{ ok: boolean; error?: { code: string } }>;

test('the public namespace serves transit and air only, and nothing it sends changes anything', async () => {
  const client = connect('/public');
  const seen: Array<{ event: string; layer?: string }> = [];
  client.onAny((event: string, payload: { layer?: string }) => seen.push({ event, layer: payload?.layer }));
  await opened(client);
  try {
    expect((await ask(client, 'subscribe', { layer: 'transit' })).ok).toBe(true);
    for (const layer of ['traffic', 'grid', 'incidents', 'weather']) {
      const ack = await ask(client, 'subscribe', { layer });
      expect(ack, layer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect((await ask(client, 'snapshot', { layer })).ok, layer).toBe(false);
    }
    // Control-room events (actions, alerts, notes) do not exist here: each gets an error ack.
    for (const event of ['action:propose', 'action:approve', 'action:trigger', 'alert:ack', 'note:add', 'signal-plan', 'admin']) {
      const ack = await ask(client, event, { id: 'x', plan: 'all-red' });
      expect(ack, event).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // Malformed requests are refused and change nothing.
    expect((await ask(client, 'subscribe', { layer: 'transit', area: { west: 10, east: 0, south: 0, north: 1 } })).ok).toBe(false);
    const network = await (await fetch(`${system.url}api/transit/network`)).text();
    // Watch for a few poll intervals: only transit (and freshness for it) ever arrives.
    await new Promise((r) => setTimeout(r, 3000));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((e) => ['delta', 'snapshot', 'freshness'].includes(e.event) && e.layer === 'transit')).toBe(true);
    expect(await (await fetch(`${system.url}api/transit/network`)).text()).toBe(network);
    expect(client.connected).toBe(true);
  } finally {
    client.disconnect();
  }
});

test('the control-room namespace refuses a client without a session', async () => {
  const client = connect('/ops');
  await expect(opened(client)).rejects.toThrow(/unauthorized/);
  client.disconnect();
  const main = connect('/');
  await expect(opened(main)).rejects.toThrow();
  main.disconnect();
});
