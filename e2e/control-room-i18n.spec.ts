import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { waitForMap } from './map-helpers';
import { SIGNED_IN_STATE, sharedSystem, type SharedSystem } from './system';

let system: SharedSystem;

test.beforeAll(async () => {
  system = sharedSystem();
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
