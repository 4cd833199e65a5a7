import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { SIGNED_IN_STATE, sharedSystem, type SharedSystem } from './system';

let system: SharedSystem;

test.beforeAll(async () => {
  system = sharedSystem();
});

const SIGNED_OUT = { cookies: [], origins: [] };

/** A browser that asks for Chinese (Accept-Language: zh-CN), signed in as the admin unless told otherwise. */
async function chinesePage(browser: Browser, signedIn = true): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', storageState: signedIn ? SIGNED_IN_STATE : SIGNED_OUT });
  return context.newPage();
}

const shot = async (testInfo: TestInfo, name: string, page: Page) => testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

test('the sign-in page speaks Chinese to a Chinese browser, with the lock time in Chinese words', async ({ browser, page }, testInfo) => {
  const zh = await chinesePage(browser, false);
  await zh.goto(`${system.url}login`);
  await expect(zh.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const form = zh.getByTestId('sign-in-form');
  await expect(form).toContainText('登录城市运行控制室。');
  await expect(form.getByLabel('邮箱')).toBeVisible();
  await expect(form.getByRole('button', { name: '登录' })).toBeVisible();
  await expect(zh).toHaveTitle('Polis — 登录');
  await shot(testInfo, 'login-zh-CN', zh);

  await zh.goto(`${system.url}login?error=locked&retry=120`);
  await expect(zh.getByTestId('sign-in-error')).toHaveText('登录失败次数过多，请在 2 分钟后重试。');

  await page.context().clearCookies();
  await page.goto(`${system.url}login`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('sign-in-form')).toContainText('Sign in to the control room.');
  await shot(testInfo, 'login-en', page);
  await zh.context().close();
});

test('the audit log names events and formats times in Chinese; the language switch is remembered', async ({ browser }, testInfo) => {
  const zh = await chinesePage(browser);
  await zh.goto(`${system.url}audit`);
  await expect(zh.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(zh.getByRole('heading', { level: 1 })).toContainText('审计日志');
  await expect(zh.getByRole('columnheader', { name: '操作人' })).toBeVisible();
  // The admin's sign-in (startSystem) is in the log, named in Chinese with a Chinese date (2026/11/24 …).
  const signIn = zh.locator('[data-testid="audit-entry"][data-event="auth.sign-in"]').first();
  await expect(signIn).toContainText('登录');
  await expect(signIn.locator('time')).toHaveText(/^\d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}:\d{2}$/);
  await expect(zh.getByTestId('audit-table').locator('caption')).toContainText(/共 \d+ 条记录/);
  await shot(testInfo, 'audit-zh-CN', zh);

  // Switch to English: the page re-renders in English, and stays English after a reload though the browser asks for Chinese.
  await zh.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(zh.getByRole('heading', { level: 1 })).toContainText('Audit log');
  await expect(zh.locator('html')).toHaveAttribute('lang', 'en');
  await zh.reload();
  await expect(zh.getByRole('heading', { level: 1 })).toContainText('Audit log');
  await expect(zh.locator('[data-testid="audit-entry"][data-event="auth.sign-in"]').first()).toContainText('Signed in');
  await shot(testInfo, 'audit-en', zh);
  await zh.context().close();
});

test('the model cards and the users page speak Chinese, with Chinese dates and locale numbers', async ({ browser }, testInfo) => {
  const zh = await chinesePage(browser);
  await zh.goto(`${system.url}models`);
  await expect(zh.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(zh.getByRole('heading', { level: 1, name: '模型卡片' })).toBeVisible();
  await expect(zh.getByTestId('model-card').first()).toContainText(/当前服务模型|尚无已训练的模型/);
  await expect(zh.getByTestId('model-card').first().getByRole('columnheader', { name: '预测时长' })).toBeVisible();
  await expect(zh.getByTestId('model-card').first().getByRole('rowheader').first()).toHaveText(/^\+\d+ (分钟|小时)$/);
  await shot(testInfo, 'models-zh-CN', zh);

  await zh.goto(`${system.url}admin/users`);
  await expect(zh.getByRole('heading', { level: 1, name: '用户' })).toBeVisible();
  const row = zh.getByTestId('user-row').first();
  // zh-CN medium dates read 2026年11月24日 16:23.
  await expect(row.locator('td').nth(2)).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
  await expect(row.getByRole('combobox')).toHaveAccessibleName(/的角色$/);
  await expect(row.locator('option:checked')).toHaveText('管理员');
  await shot(testInfo, 'admin-users-zh-CN', zh);
  await zh.context().close();
});

test('an English browser can switch the model cards to Chinese, and the choice holds on other pages', async ({ page }, testInfo) => {
  await page.goto(`${system.url}models`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Model cards' })).toBeVisible();
  await shot(testInfo, 'models-en', page);
  await page.goto(`${system.url}admin/users`);
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await shot(testInfo, 'admin-users-en', page);

  await page.goto(`${system.url}models`);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('heading', { level: 1, name: '模型卡片' })).toBeVisible();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.goto(`${system.url}admin/users`);
  await expect(page.getByRole('heading', { level: 1, name: '用户' })).toBeVisible();
});
