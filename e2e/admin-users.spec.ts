import { expect, test } from '@playwright/test';
import { E2E_ADMIN, sharedSystem, type SharedSystem } from './system';

let system: SharedSystem;

test.beforeAll(async () => {
  system = sharedSystem();
});

// A new address each run and retry: this test disables the user it makes.
const NEW_USER = { email: `e2e-new-operator-${Date.now().toString(36)}@polis.local`, password: 'operator e2e password' } as const;

test('an admin creates a user, who signs in elsewhere; once disabled, their next request is refused', async ({ page, browser }, testInfo) => {
  const shot = async (name: string, p = page) => {
    const path = testInfo.outputPath(`${name}.png`);
    await p.screenshot({ path, fullPage: true });
    await testInfo.attach(name, { path, contentType: 'image/png' });
  };

  // The admin (signed in by the system) opens the users page.
  await page.goto(`${system.url}admin/users`);
  const table = page.getByTestId('users-table');
  // Other specs on the shared system have made users of their own: count what is there.
  await expect(table.locator(`[data-email="${E2E_ADMIN.email}"]`)).toBeVisible();
  const users = await table.getByTestId('user-row').count();

  // A bad password is refused in the form, naming the field; nothing is created.
  const form = page.getByTestId('new-user-form');
  await form.getByLabel('Email').fill(NEW_USER.email);
  await form.getByLabel('Password').fill('short');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByTestId('new-user-error')).toContainText('password');
  await expect(table.getByTestId('user-row')).toHaveCount(users);

  await form.getByLabel('Password').fill(NEW_USER.password);
  await form.getByLabel('Role').selectOption('operator');
  await form.getByRole('button', { name: 'Create user' }).click();
  const row = table.locator(`[data-email="${NEW_USER.email}"]`);
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('data-disabled', 'false');
  await shot('1-user-created');

  // The new operator signs in in a browser of their own.
  const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const them = await theirs.newPage();
  await them.goto(`${system.url}login`);
  const signIn = them.getByTestId('sign-in-form');
  await signIn.getByLabel('Email').fill(NEW_USER.email);
  await signIn.getByLabel('Password').fill(NEW_USER.password);
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(them).toHaveURL(system.url);
  expect((await them.request.get(`${system.url}api/auth/me`)).status()).toBe(200);
  await expect(them.getByTestId('status-line')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await shot('2-operator-signed-in', them);

  // An operator may not open the users page nor call its API.
  const forbidden = await them.goto(`${system.url}admin/users`);
  expect(forbidden?.status()).toBe(403);
  await expect(them.getByTestId('forbidden')).toBeVisible();
  expect((await them.request.get(`${system.url}api/auth/users`)).status()).toBe(403);

  // The admin's page shows the sign-in, then the admin disables the account.
  await page.reload();
  await expect(row.locator('td').nth(3)).not.toHaveText('—');
  await row.getByRole('button', { name: 'Disable' }).click();
  await expect(row).toHaveAttribute('data-disabled', 'true');
  await shot('3-user-disabled');

  // Their next request is refused: the API answers 401 and the page sends them to sign in.
  expect((await them.request.get(`${system.url}api/auth/me`)).status()).toBe(401);
  await them.goto(system.url);
  await expect(them).toHaveURL(/\/login/);
  await signIn.getByLabel('Email').fill(NEW_USER.email);
  await signIn.getByLabel('Password').fill(NEW_USER.password);
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(them.getByTestId('sign-in-error')).toContainText('disabled');
  await shot('4-disabled-sign-in-refused', them);
  await theirs.close();
});

test('the users page is refused to anyone not signed in', async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const res = await ctx.request.get(`${system.url}api/auth/users`);
  expect(res.status()).toBe(401);
  const page = await ctx.newPage();
  await page.goto(`${system.url}admin/users`);
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fusers/);
  await ctx.close();
});
