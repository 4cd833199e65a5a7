import { expect, test } from '@playwright/test';
import { E2E_ADMIN, sharedSystem, type SharedSystem } from './system';

let system: SharedSystem;

test.beforeAll(async () => {
  system = sharedSystem();
});

// This spec starts signed out, whatever the other specs use.
test.use({ storageState: { cookies: [], origins: [] } });

test('the control room asks for sign-in, then goes live; a wrong password is refused', async ({ page }, testInfo) => {
  await page.goto(system.url);
  await expect(page).toHaveURL(/\/login$/);
  const form = page.getByTestId('sign-in-form');
  await expect(form).toBeVisible();

  await form.getByLabel('Email').fill(E2E_ADMIN.email);
  await form.getByLabel('Password').fill('not the password');
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('sign-in-error')).toContainText('Wrong email or password');
  await testInfo.attach('refused', { body: await page.screenshot(), contentType: 'image/png' });

  await form.getByLabel('Email').fill(E2E_ADMIN.email);
  await form.getByLabel('Password').fill(E2E_ADMIN.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(system.url);
  await expect(page.getByTestId('status-line')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await testInfo.attach('signed-in', { body: await page.screenshot(), contentType: 'image/png' });

  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'polis_session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
});

test('the control room socket refuses a browser that is not signed in', async ({ page }) => {
  await page.goto(`${system.url}login`);
  const refused = await page.evaluate(async () => {
    const ws = new WebSocket(`${location.origin.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
    return new Promise<string>((resolve) => {
      ws.onmessage = (m) => {
        const data = String(m.data);
        if (data.startsWith('0')) ws.send('40/ops,');
        if (data.startsWith('44/ops')) resolve(data);
      };
      setTimeout(() => resolve('timeout'), 10_000);
    });
  });
  expect(refused).toContain('unauthorized');
});
