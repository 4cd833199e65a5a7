import type { Page } from '@playwright/test';
import type { Network } from '../lib/protocol/models-api';
import type { RoadSegment } from '../lib/domain/road';

type Segment = RoadSegment;

/** Wait until the map and the live traffic layer have drawn at least once. */
export async function waitForMap(page: Page): Promise<void> {
  await page.locator('[data-map-ready="true"]').waitFor({ timeout: 60_000 });
  // Tiles and labels loaded and the camera still (the first deck.gl frame with data has drawn:
  // that is what data-map-ready says), then two frames more so the screen shows it all.
  await page.waitForFunction(() => {
    const map = window.__polis?.map;
    return map?.loaded() === true && map.areTilesLoaded() && !map.isMoving();
  });
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
}

/** Screen points on (or right beside) a segment's middle, for hovering and clicking. */
export async function pointsOnSegment(page: Page, seg: Segment): Promise<{ x: number; y: number }[]> {
  const mid = Math.floor(seg.path.length / 2);
  const a = seg.path[Math.max(0, mid - 1)];
  const b = seg.path[Math.min(seg.path.length - 1, mid)];
  const lonlat: [number, number] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  const [pa, pb, pm] = await page.evaluate(
    ([a, b, m]) => {
      const map = window.__polis!.map;
      return [a, b, m].map((p) => {
        const q = map.project(p as [number, number]);
        return { x: q.x, y: q.y };
      });
    },
    [a, b, lonlat] as const,
  );
  // Each direction is drawn offset to its right: try points across the road, nearest first.
  const len = Math.hypot(pb.x - pa.x, pb.y - pa.y) || 1;
  const nx = -(pb.y - pa.y) / len;
  const ny = (pb.x - pa.x) / len;
  return [2, 1, 3, 0, 4, -1, 5].map((d) => ({ x: pm.x - nx * d, y: pm.y - ny * d }));
}

export async function fetchNetwork(page: Page, url: string): Promise<Network> {
  // On a loaded machine the model services may miss a poll (503 for a moment): ask again.
  let last = '';
  for (let attempt = 0; attempt < 20; attempt++) {
    const res = await page.request.get(`${url}api/network`);
    if (res.ok()) return (await res.json()) as Network;
    last = `${res.status()} ${await res.text()}`;
    await page.waitForTimeout(1_000);
  }
  throw new Error(`GET /api/network kept failing: ${last}`);
}

/** Long segments of major roads, fully inside the viewport, best first. */
export async function visibleMajorSegments(page: Page, network: Network): Promise<Segment[]> {
  const major = network.segments.filter((s) => s.roadClass === 'primary' || s.roadClass === 'secondary');
  major.sort((x, y) => y.lengthM - x.lengthM);
  const candidates = major.slice(0, 60);
  const inside = await page.evaluate((segs) => {
    const map = window.__polis!.map;
    const c = map.getContainer();
    return segs.map((s) => {
      const p = map.project(s.path[Math.floor(s.path.length / 2)] as [number, number]);
      return p.x > 80 && p.y > 80 && p.x < c.clientWidth - 420 && p.y < c.clientHeight - 200;
    });
  }, candidates);
  return candidates.filter((_, i) => inside[i]);
}
