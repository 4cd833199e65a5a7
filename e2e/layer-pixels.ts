import type { Page } from '@playwright/test';
import type { PNG } from 'pngjs';
import { decode } from './pixels';

type Rgb = readonly [number, number, number];

/**
 * A screenshot of the map alone: the floating panels, header and tooltips are painted black, so
 * legend swatches (drawn in the same colours as the map) never count as map pixels.
 */
export async function mapOnlyShot(page: Page): Promise<{ png: Buffer; img: PNG }> {
  const png = await page.screenshot({
    mask: [page.getByTestId('layer-panel'), page.locator('header'), page.locator('[role="tooltip"]'), page.locator('aside')],
    maskColor: '#000000',
  });
  return { png, img: decode(png) };
}

/** Pixels within `tol` (per channel) of any of the colours. */
export function countColourPixels(img: PNG, colours: readonly Rgb[], tol = 10): number {
  let n = 0;
  for (let i = 0; i < img.data.length; i += 4) {
    const r = img.data[i];
    const g = img.data[i + 1];
    const b = img.data[i + 2];
    for (const c of colours)
      if (Math.abs(r - c[0]) <= tol && Math.abs(g - c[1]) <= tol && Math.abs(b - c[2]) <= tol) {
        n++;
        break;
      }
  }
  return n;
}

/** Pixels that differ noticeably between two screenshots of the same view. */
export function changedPixels(a: PNG, b: PNG, tol = 12): number {
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4)
    if (Math.abs(a.data[i] - b.data[i]) > tol || Math.abs(a.data[i + 1] - b.data[i + 1]) > tol || Math.abs(a.data[i + 2] - b.data[i + 2]) > tol) n++;
  return n;
}

/** Wait until deck.gl has drawn a layer's snapshot at least once, then for the frame to settle. */
export async function waitForLayerDrawn(page: Page, layer: string): Promise<void> {
  await page.waitForFunction((l) => (window.__polis?.drawnVersions?.[l] ?? -1) >= 0, layer, { timeout: 60_000 });
  await page.waitForTimeout(800);
}

/** Screen position of a lon/lat on the map, or null when outside the free part of the view. */
export async function screenPoint(page: Page, lonLat: readonly [number, number]): Promise<{ x: number; y: number } | null> {
  return page.evaluate((p) => {
    const map = window.__polis!.map;
    const c = map.getContainer();
    const q = map.project(p as [number, number]);
    // Clear of the layer panel (bottom-left), the header and the zoom buttons.
    const free = q.x > 300 && q.y > 70 && q.x < c.clientWidth - 60 && q.y < c.clientHeight - 40;
    return free ? { x: q.x, y: q.y } : null;
  }, lonLat);
}
