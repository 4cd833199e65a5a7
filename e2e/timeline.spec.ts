import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { replayFramesSchema, replayRangeSchema } from '../lib/protocol/replay';
import { waitForMap } from './map-helpers';
import { signedInState, startSystem, type System } from './system';

let system: System;
// Its own system: it needs three days of backfill and an admin token, and training takes a core
// for a while (in a worker thread, so requests are still answered) that the shared one's tests want.
test.use({ storageState: signedInState('timeline') });
const ADMIN_TOKEN = 'timeline-e2e-admin-token';

test.beforeAll(async () => {
  test.setTimeout(300_000);
  // The admin token lets the test train the traffic forecast the timeline shows.
  // Three days of backfill: training needs more than the one day the other specs use.
  system = await startSystem('timeline', { MODELS_ADMIN_TOKEN: ADMIN_TOKEN, TWIN_BACKFILL_DAYS: '3' });
});

test.afterAll(async () => {
  await system?.stop();
});

async function shot(page: Page, info: TestInfo, name: string) {
  await info.attach(name, { body: await page.screenshot(), contentType: 'image/png' });
}

/** What the traffic layer last drew: 'live' or the timeline's key (ends in ':1' when it had colours). */
const drawnTime = (page: Page) => page.evaluate(() => window.__polis?.drawnTime ?? 'none');

test('the model services serve the past as compact 5-minute frames', async () => {
  // City time (the twin runs faster than the wall clock here): the newest stored history.
  const range = replayRangeSchema.parse(await (await fetch(`${system.modelsUrl}/v1/replay`)).json());
  expect(range.traffic).not.toBeNull();
  const now = Math.floor(Date.parse(range.traffic!.until) / 300_000) * 300_000;
  const res = await fetch(`${system.modelsUrl}/v1/replay/traffic?from=${new Date(now - 3_600_000).toISOString()}&to=${new Date(now).toISOString()}`);
  expect(res.status).toBe(200);
  const frames = replayFramesSchema.parse(await res.json());
  expect(frames.steps).toBe(12);
  expect(frames.columns.speedKmh.length).toBe(frames.steps * frames.ids.length);
  const bad = await fetch(`${system.modelsUrl}/v1/replay/traffic?from=${new Date(now).toISOString()}&to=${new Date(now - 1).toISOString()}`);
  expect(bad.status).toBe(400);
});

test('the timeline replays the past, shows the forecast and returns to live', async ({ page }, info) => {
  test.setTimeout(480_000);
  await page.goto(system.url);
  await waitForMap(page);
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toHaveAttribute('data-mode', 'live');
  await expect(page.getByTestId('time-marking')).toHaveCount(0);
  await shot(page, info, 'timeline-live');

  // Replay: scrub back with the keyboard (5-minute steps), then play.
  const scrub = page.getByTestId('timeline-scrub');
  await scrub.focus();
  for (let i = 0; i < 24; i++) await page.keyboard.press('ArrowLeft');
  await expect(timeline).toHaveAttribute('data-mode', 'replay');
  const marking = page.getByTestId('time-marking');
  await expect(marking).toHaveAttribute('data-mode', 'replay');
  await expect(marking).toContainText(/replay/i);
  await expect.poll(() => drawnTime(page), { timeout: 60_000, message: 'a replayed frame drawn' }).toMatch(/^replay:.*:1$/);
  // Grid loads and air quality are replayed from their own 5-minute history too.
  await expect(marking).toContainText('grid and air quality at that time too', { timeout: 30_000 });
  const paused = await drawnTime(page);
  await shot(page, info, 'timeline-replay');

  await page.getByTestId('timeline-speed').selectOption('30');
  await page.getByTestId('timeline-play').click();
  await expect(page.getByTestId('timeline-play')).toHaveText('Pause');
  // Playing moves through frames: the drawn frame changes.
  await expect.poll(() => drawnTime(page), { timeout: 30_000, message: 'replay advances' }).not.toBe(paused);
  await shot(page, info, 'timeline-replay-playing');
  await page.getByTestId('timeline-play').click();

  // Forecast: +30 min, drawn from the traffic forecast's median speeds (trained here: a fresh
  // system has none, and the marking says so).
  // The backfill runs behind the live feed: train once enough history has arrived.
  await expect
    .poll(
      async () =>
        (
          await fetch(`${system.modelsUrl}/v1/models/traffic-speed.seasonal-mean/train`, {
            method: 'POST',
            headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
            body: '{}',
          })
        ).status,
      // Three days of backfill take ~3 minutes when the other worker's specs share the 2 cores.
      { timeout: 300_000, intervals: [5000], message: 'the traffic forecast trained' },
    )
    .toBe(200);
  await page.getByTestId('timeline-forecast-30').click();
  await expect(timeline).toHaveAttribute('data-mode', 'forecast');
  await expect(marking).toHaveAttribute('data-mode', 'forecast');
  await expect(marking).toContainText('+30 min');
  await expect.poll(() => drawnTime(page), { timeout: 60_000, message: 'a forecast drawn' }).toMatch(/^forecast:.*:1$/);
  await shot(page, info, 'timeline-forecast');

  // Live again.
  await page.getByTestId('timeline-live').click();
  await expect(timeline).toHaveAttribute('data-mode', 'live');
  await expect(marking).toHaveCount(0);
  await expect.poll(() => drawnTime(page), { timeout: 10_000 }).toBe('live');
  await shot(page, info, 'timeline-back-to-live');
});
