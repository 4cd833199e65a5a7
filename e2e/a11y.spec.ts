import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { kpiSections } from '../lib/protocol/kpi';
import { SIGNED_IN_STATE, sharedSystem, signedInCookie, type SharedSystem } from './system';

/**
 * WCAG 2.2 AA in both languages: every page, opened by a browser asking for English and one asking
 * for Simplified Chinese, has no serious or critical axe violation; a screenshot of each is
 * attached. Then a keyboard user reaches the control room's list view and opens it.
 */
let system: SharedSystem;
type Cookie = { name: string; value: string };
const cookies: Partial<Record<'admin' | 'manager', Cookie>> = {};
const MANAGER = { email: 'e2e-a11y-manager@polis.local', password: 'e2e a11y manager password', role: 'manager' } as const;

// KPI pages and the audit log are for managers: create one with the admin and sign them in.
test.beforeAll(async () => {
  system = sharedSystem();
  const admin = (JSON.parse(readFileSync(SIGNED_IN_STATE, 'utf8')) as { cookies: Cookie[] }).cookies[0];
  cookies.admin = admin;
  cookies.manager = await signedInCookie(system.url, MANAGER);
});

interface PageCase {
  path: string;
  /** Who opens it: the e2e admin by default, a manager for manager pages, nobody for the sign-in page. */
  as?: Role;
  /** Wait until the page shows its data, so axe checks what a person sees. */
  ready: (page: Page) => Promise<void>;
}

const settled = async (page: Page) => {
  await expect(page.locator('main').first()).toBeVisible();
  await page.waitForLoadState('networkidle').catch(() => undefined);
};

const pages: PageCase[] = [
  { path: '', ready: (p) => expect(p.getByTestId('status-line')).toHaveAttribute('data-state', 'live', { timeout: 60_000 }) },
  { path: 'transit', ready: (p) => expect(p.getByTestId('live-status')).toHaveAttribute('data-state', 'live', { timeout: 60_000 }) },
  ...kpiSections.map((s) => ({ path: `kpi/${s}`, as: 'manager' as const, ready: (p: Page) => expect(p.getByTestId('kpi-page')).toHaveAttribute('data-loading', 'false', { timeout: 30_000 }) })),
  { path: 'models', ready: settled },
  { path: 'audit', as: 'manager', ready: settled },
  { path: 'admin/users', ready: settled },
  { path: 'login', as: 'nobody', ready: settled },
];

const locales = ['en-US', 'zh-CN'] as const;

type Role = 'admin' | 'manager' | 'nobody';

async function open(browser: Browser, locale: string, as: Role = 'admin') {
  const cookie = as === 'nobody' ? undefined : cookies[as];
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 }, storageState: { cookies: [], origins: [] } });
  if (cookie) await context.addCookies([{ ...cookie, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Lax' }]);
  return context;
}

for (const locale of locales) {
  for (const c of pages) {
    test(`/${c.path} in ${locale} has no serious or critical accessibility violations`, async ({ browser }, testInfo) => {
      const context = await open(browser, locale, c.as);
      const page = await context.newPage();
      try {
        await page.goto(`${system.url}${c.path}`);
        await c.ready(page);
        await expect(page.locator('html')).toHaveAttribute('lang', locale === 'zh-CN' ? 'zh-CN' : 'en');
        await testInfo.attach(`${c.path || 'control-room'}-${locale}`, { body: await page.screenshot(), contentType: 'image/png' });

        const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
        const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        await testInfo.attach(`axe-${c.path || 'control-room'}-${locale}.json`, { body: JSON.stringify(serious, null, 2), contentType: 'application/json' });
        expect(serious.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
}

test('a keyboard user tabs from the top of the control room to the list view, opens it with Enter and closes it with Escape', async ({ browser }, testInfo) => {
  const context = await open(browser, 'en-US');
  const page = await context.newPage();
  try {
    await page.goto(system.url);
    await expect(page.getByTestId('status-line')).toHaveAttribute('data-state', 'live', { timeout: 60_000 });

    // The skip link is the first stop, then the header's controls: the list view is a few tabs in.
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('skip-link')).toBeFocused();
    const toggle = page.getByRole('button', { name: 'List view', exact: true });
    for (let i = 0; i < 10 && !(await toggle.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(toggle).toBeFocused();

    await page.keyboard.press('Enter');
    const list = page.getByTestId('worst-list');
    await expect(list).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(list.getByRole('heading', { level: 2 })).toBeFocused();
    // Live data in all three tables, each a real table with a caption and column headers.
    for (const id of ['worst-segments', 'worst-stations', 'worst-feeders']) {
      const table = list.getByTestId(id).getByRole('table');
      await expect(table.locator('caption')).not.toBeEmpty();
      await expect(table.locator('tbody tr[data-id]')).toHaveCount(10, { timeout: 30_000 });
    }
    await expect(list.getByRole('columnheader', { name: 'Speed (km/h)', exact: true })).toBeVisible();
    await testInfo.attach('list-view-en-US', { body: await page.screenshot(), contentType: 'image/png' });

    const result = await new AxeBuilder({ page }).include('[data-testid="worst-list"]').analyze();
    expect(result.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);

    await page.keyboard.press('Escape');
    await expect(list).toBeHidden();
    await expect(toggle).toBeFocused();
  } finally {
    await context.close();
  }
});

test('the list view reads in Chinese for a Chinese browser', async ({ browser }, testInfo) => {
  const context = await open(browser, 'zh-CN');
  const page = await context.newPage();
  try {
    await page.goto(system.url);
    await page.getByRole('button', { name: '列表视图' }).click();
    const list = page.getByTestId('worst-list');
    await expect(list.getByRole('heading', { name: '最慢路段' })).toBeVisible();
    await expect(list.getByTestId('worst-stations').locator('tbody tr[data-id]').first()).toBeVisible({ timeout: 60_000 });
    await testInfo.attach('list-view-zh-CN', { body: await page.screenshot(), contentType: 'image/png' });
  } finally {
    await context.close();
  }
});
