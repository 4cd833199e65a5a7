import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import type { IncidentResponse } from '../lib/protocol/twin-control';
import { headerItems, overlap } from './header-fit';
import { fetchNetwork, waitForMap } from './map-helpers';
import { ensureUser, SIGNED_IN_STATE, sharedSystem, type SharedSystem } from './system';

let system: SharedSystem;
/** An operator of its own (operators may propose actions; the signed-in admin may not). */
const OPERATOR = { email: 'e2e-zh-operator@polis.local', password: 'e2e zh operator password' } as const;

test.beforeAll(async () => {
  system = sharedSystem();
  await ensureUser(system.url, { ...OPERATOR, role: 'operator' });
});

/** A signed-in browser whose language is `locale` (Playwright sends it as Accept-Language). */
async function openIn(browser: Browser, locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, storageState: SIGNED_IN_STATE });
  const page = await context.newPage();
  await page.goto(system.url);
  await waitForMap(page);
  return page;
}

async function attachScreenshot(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { body: await page.screenshot(), contentType: 'image/png' });
}

test('a Chinese browser gets the control room in Simplified Chinese', async ({ browser }, testInfo) => {
  const page = await openIn(browser, 'zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { name: '图层' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '告警' })).toBeVisible();
  await expect(page.getByTestId('legend')).toContainText('畅通');
  await expect(page.getByTestId('timeline-live')).toHaveText('实时');
  await expect(page.getByRole('checkbox', { name: '电网' })).toBeVisible();
  await expect(page.getByTestId('figure-speed')).toContainText('路网平均车速');
  await expect(page.getByTestId('search-input')).toHaveAttribute('placeholder', /查找街道/);
  await expect(page.getByTestId('status-line')).toContainText('更新');
  await attachScreenshot(page, testInfo, 'control room · zh-CN');
  await page.context().close();
});

test('dates are written the Chinese way on a Chinese page and the English way on an English one', async ({ browser }) => {
  const zh = await openIn(browser, 'zh-CN');
  const zhReceived = zh.getByTestId('status-line').locator('span[title]');
  await expect(zhReceived).toHaveAttribute('title', /\d{4}年\d{1,2}月\d{1,2}日/);
  await zh.context().close();

  const en = await openIn(browser, 'en-GB');
  const enReceived = en.getByTestId('status-line').locator('span[title]');
  await expect(enReceived).toHaveAttribute('title', /^received [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2}:\d{2}$/);
  await en.context().close();
});

test('the layer panel and the weather readout speak Chinese, with units and numbers', async ({ browser }, testInfo) => {
  const page = await openIn(browser, 'zh-CN');
  await page.getByRole('checkbox', { name: '电网' }).check();
  await expect(page.getByTestId('legend-grid')).toContainText('过载');
  await expect(page.getByTestId('layer-note-grid')).toContainText(/\d+ 座变电站 · \d+ 条馈线 · \d+ 条过载/);
  await expect(page.getByTestId('weather-readout')).toContainText(/-?\d+\.\d °C/);
  await expect(page.getByTestId('weather-readout')).toContainText(/米\/秒，(北|东北|东|东南|南|西南|西|西北)风/);
  await attachScreenshot(page, testInfo, 'layers · zh-CN');
  await page.context().close();
});

test('the language switch changes the language and is remembered after a reload', async ({ browser }, testInfo) => {
  const page = await openIn(browser, 'en-US');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Layers' })).toBeVisible();
  await attachScreenshot(page, testInfo, 'control room · en');

  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '图层' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  await page.reload();
  await waitForMap(page);
  await expect(page.getByRole('heading', { name: '图层' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: '语言' })).toHaveValue('zh-CN');

  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByRole('heading', { name: 'Layers' })).toBeVisible();
  await page.context().close();
});

/** The timeline bar: how far its controls overflow it, and whether it runs under the map's zoom buttons. */
async function timelineFit(page: Page) {
  return page.getByTestId('timeline').evaluate((el) => {
    const bar = el.getBoundingClientRect();
    const zoom = document.querySelector('.maplibregl-ctrl-group')?.getBoundingClientRect();
    const apart = !zoom || bar.right <= zoom.left || zoom.right <= bar.left || bar.bottom <= zoom.top || zoom.bottom <= bar.top;
    return { overflowPx: el.scrollWidth - el.clientWidth, clearOfZoom: apart };
  });
}

for (const locale of ['zh-CN', 'en-GB']) {
  test(`at 1280 × 800 nothing in the header or the timeline overlaps or is cut, in ${locale}`, async ({ browser }, testInfo) => {
    const page = await openIn(browser, locale);
    // With live figures in: they are the widest the header gets.
    await expect(page.getByTestId('figure-speed')).toContainText(/\d/);
    await expect(page.getByTestId('figure-grid')).toContainText(/\d/);
    await expect(page.getByTestId('figure-late')).toContainText(/\d/);
    await expect(page.getByTestId('status-line')).toContainText(/\d/);
    expect(page.viewportSize()).toEqual({ width: 1280, height: 800 });
    await testInfo.attach(`header · ${locale}`, { body: await page.getByTestId('room-header').screenshot(), contentType: 'image/png' });
    const { header, items, placeholderCut } = await headerItems(page);
    expect(items.length).toBeGreaterThanOrEqual(10);
    const overlapping = items.flatMap((a, i) => items.slice(i + 1).filter((b) => overlap(a.box, b.box)).map((b) => `${a.name} × ${b.name}`));
    expect(overlapping).toEqual([]);
    expect(items.filter((i) => i.box.left < header.left || i.box.right > header.right || i.box.width < 1).map((i) => i.name)).toEqual([]);
    expect([...items.flatMap((i) => i.cut), ...placeholderCut]).toEqual([]);
    // Stale, the status line says why, as long as the longest reason: it wraps, the figures stay whole.
    const longestReason = locale === 'zh-CN' ? '：自 22:56:25 起未收到网关心跳' : ': no heartbeat from the gateway since 22:56:25';
    await page.getByTestId('status-line').evaluate((line, reasonText) => {
      const reason = document.createElement('span');
      reason.textContent = reasonText;
      line.children[1]?.append(reason);
    }, longestReason);
    expect((await headerItems(page)).items.flatMap((i) => i.cut)).toEqual([]);
    expect(await timelineFit(page)).toEqual({ overflowPx: 0, clearOfZoom: true });
    // The longest status the timeline shows: a forecast a day ahead, with its time.
    await page.getByTestId('timeline-forecast-1440').click();
    await expect(page.getByTestId('timeline-status')).toContainText(/\d{2}:\d{2}/);
    expect(await timelineFit(page)).toEqual({ overflowPx: 0, clearOfZoom: true });
    // The marking over the map says so on one line each: "预测" is not broken one glyph per line.
    const marking = page.getByTestId('time-marking');
    await expect(marking).toBeVisible();
    expect(await marking.locator(':scope > span').evaluateAll((spans) => spans.slice(0, 2).map((s) => s.getClientRects().length))).toEqual([1, 1]);
    await testInfo.attach(`timeline · ${locale}`, { body: await page.getByTestId('timeline').screenshot(), contentType: 'image/png' });
    await page.context().close();
  });
}

test('an alert and an action proposal the server sent are written in Chinese on a Chinese screen', async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const context = await browser.newContext({ locale: 'zh-CN', storageState: { cookies: [], origins: [] } });
  expect((await context.request.post(`${system.url}api/auth/login`, { data: OPERATOR })).ok()).toBe(true);
  const page = await context.newPage();
  await page.goto(system.url);
  await waitForMap(page);

  // The longest named arterial gets a retiming (signals along it, as in the actions spec); a crash
  // closes a segment of another street (not the longest segment, which the alerts spec closes).
  const network = await fetchNetwork(page, system.url);
  const primary = network.segments.filter((s) => s.roadClass === 'primary' && !s.name.startsWith('Unnamed'));
  const lengths = new Map<string, number>();
  for (const s of primary) lengths.set(s.name, (lengths.get(s.name) ?? 0) + s.lengthM);
  const [[street]] = [...lengths].sort((a, b) => b[1] - a[1]);
  const byLength = [...primary].sort((x, y) => y.lengthM - x.lengthM);
  const segment = byLength.find((s, i) => i > 0 && s.name !== street);
  if (!segment) throw new Error('no second named arterial to close');
  const res = await fetch(`${system.twinControlUrl}/incidents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ segmentId: segment.id, capacityFactor: 0, minutes: 60, severity: 'high' }),
  });
  expect(res.status).toBe(201);
  const incident = (await res.json()) as IncidentResponse;

  // While the alert is on its way, ask the optimiser for a retiming.
  await page.getByTestId('search-input').fill(street);
  await page.getByTestId('search-results').getByRole('option').filter({ hasText: '街道' }).first().click();
  const panel = page.getByTestId('segment-panel');
  await expect(panel).toContainText(street);
  await expect(panel.getByTestId('propose-action')).toHaveText('提出信号配时优化');
  await panel.getByTestId('propose-action').click();
  // A busy optimiser (no answer, or the gateway could not reach it) is asked again with the same
  // button, which reuses the request's key, as the actions spec does.
  const proposal = page.getByTestId('action').filter({ hasText: street }).first();
  let retries = 2;
  await expect
    .poll(
      async () => {
        if (await proposal.isVisible().catch(() => false)) return 'proposed';
        const error = panel.getByTestId('propose-error');
        if (!(await error.isVisible().catch(() => false))) return '';
        const why = await error.innerText();
        if (retries > 0 && /服务不可用|未响应|请重试/.test(why)) {
          retries -= 1;
          await panel.getByTestId('propose-action').click();
          return 'retrying';
        }
        return `refused: ${why}`;
      },
      { timeout: 120_000 },
    )
    .toBe('proposed');
  // Its title and its method say it in Chinese, the street as it is in the data.
  await expect(proposal.getByTestId('action-preview')).toHaveText(/(绿波协调|重新配时)/);
  await proposal.locator('details summary').click();
  await expect(proposal.locator('details')).toContainText('设计流量');
  await testInfo.attach('action proposal · zh-CN', { body: await proposal.screenshot(), contentType: 'image/png' });

  await page.getByTestId('side-tab-alerts').click();
  const alert = page.locator(`[data-testid="alert"][data-alert-key="incident:${incident.id}"]`);
  await expect(alert).toBeVisible({ timeout: 90_000 });
  await expect(alert).toContainText(`${segment.name}发生交通事故：道路封闭`);
  await expect(alert).toContainText(/剩余通行能力 0%，预计 \d{2}:\d{2} 恢复/);
  await expect(alert).not.toContainText(incident.description);
  await testInfo.attach('alert · zh-CN', { body: await alert.screenshot(), contentType: 'image/png' });
  await context.close();
});
