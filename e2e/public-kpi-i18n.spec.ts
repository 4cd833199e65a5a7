import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { sharedSystem, signedInCookie, type SharedSystem } from './system';

/** The public transit view and the KPI pages in Simplified Chinese (issue 8): asked for by the browser, or chosen and remembered. */
let system: SharedSystem;
let managerCookie: { name: string; value: string };
const MANAGER = { email: 'e2e-i18n-manager@polis.local', password: 'e2e i18n manager password', role: 'manager' } as const;
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } as const;

test.beforeAll(async () => {
  system = sharedSystem();
  managerCookie = await signedInCookie(system.url, MANAGER);
});

/** A fresh browser with no remembered choice, whose languages are `locale` (Accept-Language follows). */
async function contextFor(browser: Browser, locale: string, manager = false, options: Record<string, unknown> = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ locale, storageState: { cookies: [], origins: [] }, ...options });
  if (manager) await context.addCookies([{ ...managerCookie, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Lax' }]);
  return context;
}

const shot = async (testInfo: TestInfo, name: string, page: Page) => testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

test('the transit view speaks Chinese to a Chinese browser, with times in its format', async ({ browser }, testInfo) => {
  const context = await contextFor(browser, 'zh-CN', false, PHONE);
  const page = await context.newPage();
  await page.goto(`${system.url}transit`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page).toHaveTitle(/公交/);
  await expect(page.getByLabel('查找站点或线路')).toBeVisible();
  await expect(page.getByTestId('live-status')).toHaveText('实时', { timeout: 60_000 });
  const routes = page.getByRole('navigation', { name: '线路' });
  await expect(routes.getByRole('heading', { name: '线路' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('img', { name: /^线路图：\d+ 条线路，\d+ 个站点/ })).toBeVisible();

  // A route's panel and timetable: counts and clock times in Chinese words and a 24-hour clock.
  await routes.getByRole('button').first().tap();
  const panel = page.getByTestId('route-panel');
  await expect(panel).toContainText(/正在运营|没有运营车辆/);
  const stop = panel.getByTestId('timetable-stop').first();
  await expect(stop).toBeVisible({ timeout: 30_000 });
  await expect(stop.locator('summary')).toContainText(/下一班 \d\d:\d\d|今日已无班次/);
  await shot(testInfo, 'transit-zh-CN', page);
  await context.close();
});

test('the transit view in English, switched to Chinese, stays Chinese after a reload', async ({ browser }, testInfo) => {
  const context = await contextFor(browser, 'en-US', false, PHONE);
  const page = await context.newPage();
  await page.goto(`${system.url}transit`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByLabel('Find a stop or route')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Routes' })).toBeVisible({ timeout: 60_000 });
  await shot(testInfo, 'transit-en', page);

  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByLabel('查找站点或线路')).toBeVisible();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { name: '线路' })).toBeVisible({ timeout: 60_000 });

  // And back: the choice wins over the browser's languages either way.
  await page.getByLabel('语言').selectOption('en');
  await expect(page.getByLabel('Find a stop or route')).toBeVisible();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await context.close();
});

test('a manager with a Chinese browser reads the KPI report in Chinese; the CSV stays machine-readable', async ({ browser }, testInfo) => {
  const context = await contextFor(browser, 'zh-CN', true);
  const page = await context.newPage();
  await page.goto(`${system.url}kpi/traffic?range=day`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page).toHaveTitle(/关键绩效指标/);
  await expect(page.getByRole('navigation', { name: 'KPI 板块' }).getByRole('link', { name: '能源' })).toBeVisible();
  const summary = page.getByTestId('kpi-summary');
  await expect(summary.getByRole('columnheader', { name: '本期' })).toBeVisible({ timeout: 60_000 });
  await expect(summary.locator('tr[data-kpi="tti"] th')).toHaveText('行程时间指数');
  await expect(summary.locator('tr[data-kpi="speed"]')).toContainText('空间平均车速');
  await expect(page.getByTestId('chart-traffic-tti').getByRole('heading')).toContainText('行程时间指数');
  await expect(page.getByTestId('chart-traffic-speed-forecast')).toContainText('预测');
  // Dates in the period heading in Chinese order and words ("3月2日 14:00").
  await expect(page.getByTestId('kpi-period')).toContainText(/\d+月\d+日 \d\d:\d\d/);
  // A number over a thousand, grouped as the locale groups it.
  const vkt = Number(await summary.locator('tr[data-kpi="vkt"]').getAttribute('data-value'));
  if (vkt >= 1000) await expect(summary.locator('tr[data-kpi="vkt"] td').first()).toContainText(new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 3 }).format(vkt));
  await shot(testInfo, 'kpi-traffic-zh-CN', page);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-traffic-tti').click()]);
  const csv = readFileSync(await download.path(), 'utf8').trim().split('\r\n');
  expect(csv[0]).toBe('t,tti,ttiPrevious');
  expect(csv[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,/);

  await page.getByRole('link', { name: '空气质量' }).click();
  await expect(page).toHaveURL(/\/kpi\/air/);
  await expect(page.getByTestId('chart-air-pm25-who').getByRole('heading')).toContainText('WHO 指导值', { timeout: 30_000 });
  await shot(testInfo, 'kpi-air-zh-CN', page);
  await context.close();
});

test('a manager switches the KPI pages from English to Chinese and the choice is remembered', async ({ browser }, testInfo) => {
  const context = await contextFor(browser, 'en-US', true);
  const page = await context.newPage();
  await page.goto(`${system.url}kpi/energy?range=day`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('kpi-summary').getByRole('columnheader', { name: 'This period' })).toBeVisible({ timeout: 60_000 });
  await shot(testInfo, 'kpi-energy-en', page);

  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByTestId('kpi-summary').getByRole('columnheader', { name: '本期' })).toBeVisible();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('tr[data-kpi="consumption"] th')).toHaveText('用电量');
  await expect(page.getByRole('button', { name: '打印报告' })).toBeVisible();
  await shot(testInfo, 'kpi-energy-zh-CN', page);
  await context.close();
});
