import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { waitForMap } from './map-helpers';
import { E2E_ADMIN, sharedSystem, type SharedSystem } from './system';

let system: SharedSystem;

test.beforeAll(async () => {
  system = sharedSystem();
});

/** Every CSP violation the page reports, as the event and as the console message Chromium writes. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const consoleLines: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) consoleLines.push(m.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
  });
  // zod 4 probes once whether it may compile validators (`new Function("")`, in a try): refused, it
  // validates without compiling, as it should. That probe's report is the one violation expected.
  const zodProbe = (v: string) => /^script-src eval at /.test(v) || /'unsafe-eval' is not an allowed source of script/.test(v);
  return async () => [...consoleLines, ...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations))].filter((v) => !zodProbe(v));
}

test('the control room draws its map under the Content-Security-Policy with no violation', async ({ page }) => {
  const violations = await watchCsp(page);
  const res = await page.goto(system.url);
  const csp = res?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  await waitForMap(page);
  expect(await violations()).toEqual([]);
});

// /transit is prerendered at build time: its inline scripts run by their hashes, not a nonce.
test('the public transit view goes live under the Content-Security-Policy with no violation', async ({ page }) => {
  const violations = await watchCsp(page);
  const res = await page.goto(`${system.url}transit`);
  expect(res?.headers()['content-security-policy'] ?? '').toMatch(/script-src[^;]*'sha256-/);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
  await expect(page.locator('[data-vehicle]').first()).toBeAttached({ timeout: 60_000 });
  expect(await violations()).toEqual([]);
});

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  test('the sign-in page loads under the Content-Security-Policy with no violation', async ({ page }) => {
    const violations = await watchCsp(page);
    await page.goto(`${system.url}login`);
    await expect(page.getByRole('button', { name: /sign in/i })).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(await violations()).toEqual([]);
  });
});

/** What must never reach a browser: the server's secret names, their values here, credentials in URLs, keys. */
const SECRET_NAMES = ['POLIS_ADMIN_PASSWORD', 'METRICS_TOKEN', 'MODELS_ADMIN_TOKEN', 'DATABASE_URL', 'REDIS_URL'] as const;
const SECRET_PATTERNS = [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, /postgres(?:ql)?:\/\/[^\s"'`/:@]+:[^\s"'`/@]+@/, /redis:\/\/[^\s"'`/:@]*:[^\s"'`/@]+@/];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

test('the client bundle holds no secret names, values or keys', () => {
  const staticDir = join(process.cwd(), '.next', 'static');
  // The e2e run builds first; a missing build must fail here, not pass with nothing to read.
  expect(existsSync(join(process.cwd(), '.next', 'BUILD_ID')), 'no build in .next: run node scripts/build.mjs').toBe(true);
  const files = filesUnder(staticDir).filter((f) => /\.(js|css|html|json|map|txt)$/.test(f));
  expect(files.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(5);
  const values = [...SECRET_NAMES.map((n) => process.env[n]), E2E_ADMIN.password, system.metricsToken].filter((v): v is string => typeof v === 'string' && v.length >= 8);
  const found: string[] = [];
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const name of SECRET_NAMES) if (text.includes(name)) found.push(`${f}: ${name}`);
    for (const v of values) if (text.includes(v)) found.push(`${f}: the value of a secret`);
    for (const p of SECRET_PATTERNS) if (p.test(text)) found.push(`${f}: ${p.source}`);
  }
  expect(found).toEqual([]);
});

const signIn = (password: string, headers: Record<string, string> = {}) =>
  fetch(`${system.url}api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email: E2E_ADMIN.email, password }) });
const tokenOf = (res: Response) => /polis_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? '';

test('every page, API and probe response carries the security headers', async () => {
  for (const path of ['', 'transit', 'login', 'api/transit/network', 'healthz', 'api/auth/me', 'no-such-page']) {
    const res = await fetch(`${system.url}${path}`, { redirect: 'manual' });
    expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('permissions-policy'), path).toContain('camera=()');
  }
});

test('a cross-site sign-out or POST is refused by the web process and the session lives on', async () => {
  const token = tokenOf(await signIn(E2E_ADMIN.password));
  const cookie = `polis_session=${token}`;
  for (const path of ['api/auth/logout', 'api/network', 'api/audit']) {
    const res = await fetch(`${system.url}${path}`, { method: 'POST', headers: { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(res.status, path).toBe(403);
  }
  expect((await fetch(`${system.url}api/auth/me`, { headers: { cookie } })).status).toBe(200);
});

test('no password, session token or metrics token reaches the logs', async () => {
  const wrong = 'not-the-password-7f3a9c';
  expect((await signIn(wrong)).status).toBe(401);
  const signedIn = await signIn(E2E_ADMIN.password);
  const token = tokenOf(signedIn);
  expect(token.length).toBeGreaterThan(16);
  expect((await fetch(`${system.url}metrics`, { headers: { authorization: `Bearer ${system.metricsToken}` } })).status).toBe(200);
  expect((await fetch(`${system.url}metrics`, { headers: { authorization: `Bearer ${system.metricsToken}x` } })).status).toBe(401);
  expect((await fetch(`${system.url}api/auth/logout`, { method: 'POST', headers: { cookie: `polis_session=${token}`, 'content-type': 'application/json' } })).status).toBe(200);
  // Logs are written as they happen; give the pipes a moment.
  await new Promise((r) => setTimeout(r, 1000));
  const logDir = system.logDir;
  const logs = filesUnder(logDir).map((f) => readFileSync(f, 'utf8')).join('\n');
  expect(logs).toContain('sign-in refused');
  for (const secret of [E2E_ADMIN.password, wrong, token, system.metricsToken]) expect(logs.includes(secret), `a secret in ${logDir}`).toBe(false);
});
