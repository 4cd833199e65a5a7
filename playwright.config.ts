import { defineConfig } from '@playwright/test';

/** e2e in Debian's Chromium (never `playwright install`): WebGL2 runs on SwiftShader. */
export default defineConfig({
  testDir: 'e2e',
  timeout: 240_000,
  expect: { timeout: 20_000 },
  // One Polis for most specs (e2e/global-setup.ts); the stale and timeline specs start their own.
  globalSetup: './e2e/global-setup.ts',
  workers: 2,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    // Written by e2e/global-setup.ts (SIGNED_IN_STATE) when the shared system starts: pages open signed in.
    storageState: 'test-results/.auth/shared.json',
    viewport: { width: 1280, height: 800 },
    screenshot: 'on',
    // A trace of every test costs a fifth of the run's time; a failure's retry records one.
    trace: 'on-first-retry',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--enable-unsafe-swiftshader',
        '--use-angle=swiftshader',
        '--ignore-gpu-blocklist',
      ],
    },
  },
});
