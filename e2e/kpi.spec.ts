import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { roadClassLabel } from '../lib/domain/road';
import { sharedSystem, signedInCookie, type SharedSystem } from './system';

/** KPI pages (issue 11): a manager opens them, changes range and filter, checks values against the store, exports CSV. */
let system: SharedSystem;
let managerCookie: { name: string; value: string };
const MANAGER = { email: 'e2e-manager@polis.local', password: 'e2e manager password', role: 'manager' } as const;

test.beforeAll(async () => {
  system = sharedSystem();
  managerCookie = await signedInCookie(system.url, MANAGER);
});

async function asManager(page: Page) {
  await page.context().clearCookies();
  await page.context().addCookies([{ ...managerCookie, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Lax' }]);
}

interface Raw {
  vkt: number;
  vht: number;
  vhtFree: number;
  rows: number;
}
async function raw(from: string, to: string, filter?: string): Promise<Raw> {
  const q = new URLSearchParams({ from, to, ...(filter ? { filter } : {}) });
  const res = await fetch(`${system.modelsUrl}/v1/kpi/traffic/raw?${q}`);
  expect(res.ok).toBe(true);
  return (await res.json()) as Raw;
}

const figure = (page: Page, key: string) => page.locator(`[data-testid="kpi-summary"] tr[data-kpi="${key}"]`);
async function figureValue(page: Page, key: string): Promise<number> {
  const v = await figure(page, key).getAttribute('data-value');
  return Number(v);
}

test('an admin without the manager role is told KPI pages are for managers', async ({ page }) => {
  await page.goto(`${system.url}kpi/traffic`);
  await expect(page.getByTestId('kpi-forbidden')).toContainText('for managers');
  expect((await fetch(`${system.url}api/kpi/traffic`, { headers: { cookie: `${managerCookie.name}=nope` } })).status).toBe(401);
});

test('a manager reviews traffic over a custom day and a road class, matching the store, and exports CSV', async ({ page }, testInfo) => {
  test.setTimeout(360_000);
  await asManager(page);
  // The twin backfills its day of history behind the live feed: wait until it has all landed
  // (the oldest bucket a day back and unchanged for a while).
  // Twin time, not the wall clock: the twin starts at the next 07:00 and runs at ×60.
  const health = async () => (await (await fetch(`${system.modelsUrl}/health`)).json()) as { historyFrom: string | null; lastObservationAt: string | null };
  let seen: string | null = null;
  await expect
    .poll(
      async () => {
        const h = await health();
        const now = h.historyFrom;
        const settled = now !== null && now === seen && h.lastObservationAt !== null && Date.parse(now) <= Date.parse(h.lastObservationAt) - 23 * 3_600_000;
        seen = now;
        return settled;
      },
      { timeout: 180_000, intervals: [10_000] },
    )
    .toBe(true);
  // A whole past UTC day of backfilled history: it no longer changes while the test runs.
  const fromDay = (seen as string | null)?.slice(0, 10) ?? '';
  const toDay = new Date(Date.parse(`${fromDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

  await page.goto(`${system.url}kpi/traffic`);
  await expect(figure(page, 'tti')).toBeVisible();
  await page.getByText('Custom', { exact: true }).click();
  await expect(page).toHaveURL(/range=custom/);
  // Each change goes to the URL; wait for it before the next, as a person would.
  await page.locator('input[name="from"]').fill(fromDay);
  await expect(page).toHaveURL(new RegExp(`from=${fromDay}T00%3A00%3A00.000Z`));
  await page.locator('input[name="to"]').fill(toDay);
  await expect(page).toHaveURL(new RegExp(`range=custom&from=${fromDay}T00%3A00%3A00.000Z&to=${toDay}T00%3A00%3A00.000Z`));
  const period = page.getByTestId('kpi-period');
  await expect(period).toHaveAttribute('data-from', `${fromDay}T00:00:00.000Z`);
  await expect(period).toHaveAttribute('data-to', `${toDay}T00:00:00.000Z`);
  await expect(page.getByTestId('kpi-page')).toHaveAttribute('data-loading', 'false');

  const all = await raw(`${fromDay}T00:00:00.000Z`, `${toDay}T00:00:00.000Z`);
  expect(all.rows).toBeGreaterThan(0);
  expect(await figureValue(page, 'tti')).toBeCloseTo(all.vht / all.vhtFree, 3);
  expect(await figureValue(page, 'vkt')).toBeCloseTo(all.vkt, -1);
  await testInfo.attach('traffic-custom-day', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

  // Filter to one road class: the URL says so and the figures follow the store's rows of that class.
  await page.locator('select[name="filter"]').selectOption('primary');
  await expect(page).toHaveURL(/filter=primary/);
  await expect(period).toContainText(roadClassLabel.primary);
  await expect(page.getByTestId('kpi-page')).toHaveAttribute('data-loading', 'false');
  const primary = await raw(`${fromDay}T00:00:00.000Z`, `${toDay}T00:00:00.000Z`, 'primary');
  expect(await figureValue(page, 'tti')).toBeCloseTo(primary.vht / primary.vhtFree, 3);
  expect(await figureValue(page, 'speed')).toBeCloseTo(primary.vkt / primary.vht, 1);

  // CSV of the travel-time chart: 24 hourly rows, each matching the store for its hour.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-traffic-tti').click()]);
  const csv = readFileSync(await download.path(), 'utf8').trim().split('\r\n');
  expect(csv[0]).toBe('t,tti,ttiPrevious');
  expect(csv).toHaveLength(25);
  const filled = csv.slice(1).map((l) => l.split(',')).filter(([, tti]) => tti !== '');
  expect(filled.length).toBeGreaterThan(0);
  const [t, tti] = filled[filled.length - 1];
  const hour = await raw(t, new Date(Date.parse(t) + 3_600_000).toISOString(), 'primary');
  expect(Number(tti)).toBeCloseTo(hour.vht / hour.vhtFree, 3);

  // A shared link opens the same view.
  const shared = page.url();
  const again = await page.context().newPage();
  await again.goto(shared);
  await expect(again.getByTestId('kpi-period')).toHaveAttribute('data-from', `${fromDay}T00:00:00.000Z`);
  await expect(again.locator('select[name="filter"]')).toHaveValue('primary');
  await again.close();
});

test('a manager switches range, opens energy and air, and prints a report', async ({ page }, testInfo) => {
  await asManager(page);
  await page.goto(`${system.url}kpi/traffic?range=day`);
  await page.getByText('Week', { exact: true }).click();
  await expect(page).toHaveURL(/range=week/);
  await expect(page.getByTestId('kpi-page')).toHaveAttribute('data-loading', 'false');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-traffic-tti').click()]);
  const rows = readFileSync(await download.path(), 'utf8').trim().split('\r\n');
  expect(rows).toHaveLength(1 + 7 * 24);

  await page.getByRole('link', { name: 'Energy' }).click();
  await expect(page).toHaveURL(/\/kpi\/energy\?range=week/);
  await expect(figure(page, 'consumption')).toBeVisible();
  await expect(page.getByTestId('chart-energy-consumption')).toBeVisible();
  // Forecast vs actual, as for traffic (its band stays empty here: one day of history, no weeks before).
  await expect(page.getByTestId('chart-energy-load-forecast')).toContainText('Load: forecast vs actual');
  await testInfo.attach('energy-week', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

  await page.getByRole('link', { name: 'Air quality' }).click();
  await expect(page).toHaveURL(/\/kpi\/air\?range=week/);
  await expect(figure(page, 'who-days')).toBeVisible();
  await expect(page.getByTestId('chart-air-pm25-who')).toBeVisible();
  await expect(page.getByTestId('chart-air-pm25-forecast')).toContainText('PM2.5: forecast vs actual');

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print report' })).toBeHidden();
  await expect(page.getByTestId('kpi-summary')).toBeVisible();
  await testInfo.attach('air-print', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
});

test('a KPI page arrives from the server with its charts drawn, and recharts takes them over in the browser', async ({ page }) => {
  const res = await fetch(`${system.url}kpi/traffic?range=week`, { headers: { cookie: `${managerCookie.name}=${managerCookie.value}` } });
  expect(res.status).toBe(200);
  const html = await res.text();
  const report = (await (await fetch(`${system.modelsUrl}/v1/kpi/traffic?range=week`)).json()) as { charts: { id: string; series: { key: string; role: string }[]; rows: Record<string, unknown>[] }[] };
  // A chart with data (ChartCard says "no data" for the rest) has a drawn line or bar in the HTML, before any script runs.
  const withData = report.charts.filter((c) => c.rows.some((r) => c.series.some((s) => s.role !== 'threshold' && typeof r[s.key] === 'number')));
  expect(withData.length).toBeGreaterThan(0);
  for (const chart of withData) {
    const start = html.indexOf(`data-testid="chart-${chart.id}"`);
    expect(start, chart.id).toBeGreaterThan(-1);
    const card = html.slice(start, html.indexOf('</figure>', start));
    expect(card, chart.id).toMatch(/<(path d="M[\d.,L]+[^"]*"|rect [^>]*height="[\d.]*[1-9][\d.]*")[^>]*data-series=/);
  }

  await asManager(page);
  await page.goto(`${system.url}kpi/traffic?range=week`);
  await expect(page.locator('[data-testid="chart-traffic-tti"] svg.recharts-surface .recharts-line-curve').first()).toBeVisible();
  await expect(page.locator('[data-static-chart]')).toHaveCount(0);
});

interface TransitRaw {
  arrivals: number;
  onTime: number;
  delaySumS: number;
}
async function transitRaw(from: string, to: string): Promise<TransitRaw> {
  const res = await fetch(`${system.modelsUrl}/v1/kpi/transit/raw?${new URLSearchParams({ from, to })}`);
  expect(res.ok).toBe(true);
  return (await res.json()) as TransitRaw;
}

test('a manager reviews transit over a finished hour of observed arrivals, matching the store', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  await asManager(page);
  const cookie = `${managerCookie.name}=${managerCookie.value}`;
  const HOUR = 3_600_000;
  // Arrivals are recorded as the twin's buses stop (twin time, an hour a minute): wait for an
  // hour that has arrivals and has ended, so its figures no longer change.
  const found: { hour?: { from: string; to: string } } = {};
  await expect
    .poll(
      async () => {
        const res = await fetch(`${system.url}api/kpi/transit?range=day`, { headers: { cookie } });
        const asOf = res.ok ? ((await res.json()) as { asOf: string | null }).asOf : null;
        if (!asOf) return false;
        const to = Math.floor(Date.parse(asOf) / HOUR) * HOUR;
        const candidate = { from: new Date(to - HOUR).toISOString(), to: new Date(to).toISOString() };
        if ((await transitRaw(candidate.from, candidate.to)).arrivals === 0) return false;
        found.hour = candidate;
        return true;
      },
      { timeout: 240_000, intervals: [5_000] },
    )
    .toBe(true);
  const { from, to } = found.hour ?? { from: '', to: '' };
  await page.goto(`${system.url}kpi/transit?${new URLSearchParams({ range: 'custom', from, to })}`);
  await expect(page.getByTestId('kpi-period')).toHaveAttribute('data-from', from);
  await expect(page.getByTestId('kpi-page')).toHaveAttribute('data-loading', 'false');
  const stored = await transitRaw(from, to);
  expect(await figureValue(page, 'arrivals')).toBe(stored.arrivals);
  expect(await figureValue(page, 'on-time')).toBeCloseTo((stored.onTime / stored.arrivals) * 100, 1);
  expect(await figureValue(page, 'delay')).toBeCloseTo(stored.delaySumS / stored.arrivals / 60, 2);
  await expect(page.getByTestId('chart-transit-by-route')).toBeVisible();
  await testInfo.attach('transit-hour', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
});

test('a manager opens the actions KPIs, counted as the audit log counts proposals, and exports CSV', async ({ page }, testInfo) => {
  await asManager(page);
  const cookie = `${managerCookie.name}=${managerCookie.value}`;
  await page.goto(`${system.url}kpi/actions?range=day`);
  await expect(figure(page, 'proposed')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('kpi-page')).toHaveAttribute('data-loading', 'false');
  const period = page.getByTestId('kpi-period');
  const from = Date.parse((await period.getAttribute('data-from')) ?? '');
  const to = Date.parse((await period.getAttribute('data-to')) ?? '');
  // The same store, another table: every proposal writes an "action.proposed" audit entry. Other
  // specs may propose on the shared system meanwhile: read both again until they agree.
  const auditProposed = async () => {
    const audit = (await (await fetch(`${system.url}api/audit?limit=10000`, { headers: { cookie } })).json()) as { entries: Array<{ event: string; at: string }> };
    return audit.entries.filter((e) => e.event === 'action.proposed' && Date.parse(e.at) >= from && Date.parse(e.at) < to).length;
  };
  await expect
    .poll(
      async () => {
        const shown = await figureValue(page, 'proposed');
        if (shown === (await auditProposed())) return true;
        await page.reload();
        await expect(page.getByTestId('kpi-page')).toHaveAttribute('data-loading', 'false');
        return false;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  await expect(page.getByTestId('chart-actions-by-kind')).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-actions-proposed').click()]);
  const rows = readFileSync(await download.path(), 'utf8').trim().split('\r\n');
  expect(rows[0]).toBe('t,proposed,proposedPrevious');
  expect(rows).toHaveLength(1 + 24);
  await testInfo.attach('actions-day', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
});
