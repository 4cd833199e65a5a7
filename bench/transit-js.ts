/**
 * JavaScript the public transit view's first view loads on a phone, in Debian's Chromium against
 * the production build (a whole Polis, as the e2e tests start it): transferred and decoded bytes.
 */
import { spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { firstViewJs } from '../e2e/first-view-js';
import { signedInState, startSystem } from '../e2e/system';
import type { Figure } from './report';

export async function benchTransitJs(): Promise<Figure[]> {
  if (spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' }).status !== 0) throw new Error('the web app failed to build');
  const system = await startSystem('bench-transit-js');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--no-first-run'] });
  try {
    const out: Figure[] = [];
    for (const [label, path] of [
      ['public transit view (/transit)', 'transit'],
      ['control room (/, for comparison)', ''],
    ] as const) {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, storageState: path ? undefined : signedInState('bench-transit-js') });
      const js = await firstViewJs(await context.newPage(), `${system.url}${path}`);
      await context.close();
      out.push({ name: `first-view JavaScript, ${label}, transferred`, value: js.transferred / 1024, unit: 'KiB', note: `${(js.decoded / 1024).toFixed(1)} KiB decoded, ${js.files} files` });
    }
    return out;
  } finally {
    await browser.close();
    await system.stop();
  }
}
