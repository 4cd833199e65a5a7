import type { Page } from '@playwright/test';

export interface JsWeight {
  /** Bytes on the wire (compressed when the server compresses). */
  transferred: number;
  /** Bytes after decompression: what the browser parses. */
  decoded: number;
  files: number;
}

/**
 * JavaScript a page's first view loads: every script response until the network is idle after
 * load, counted from Chromium's own byte counts (a fresh context, so nothing comes from cache).
 */
export async function firstViewJs(page: Page, url: string): Promise<JsWeight> {
  const scripts: Array<Promise<{ transferred: number; decoded: number }>> = [];
  page.on('requestfinished', (req) => {
    if (req.resourceType() !== 'script') return;
    scripts.push(
      Promise.all([req.sizes(), req.response()]).then(async ([sizes, res]) => ({
        transferred: sizes.responseBodySize + sizes.responseHeadersSize,
        decoded: (await res?.body().catch(() => Buffer.alloc(0)))?.byteLength ?? 0,
      })),
    );
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  const all = await Promise.all(scripts);
  return { transferred: all.reduce((a, s) => a + s.transferred, 0), decoded: all.reduce((a, s) => a + s.decoded, 0), files: all.length };
}
