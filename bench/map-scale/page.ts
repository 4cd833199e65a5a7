/**
 * Browser side of bench/map-scale.ts: the control room's own live path at city scale. The network
 * and the subscribe acks' snapshots come over HTTP as JSON (as /api/network and the socket do);
 * deltas arrive as JSON text in the gateway's wire form, one message a layer each second, and go
 * through what components/live/socket.ts does with them: JSON.parse (Socket.IO's decoder), every
 * layer's sync (createLiveSync with zodChecks), the cache write (stepDelta → advanceSnapshot →
 * setQueryData on the app's query client). Then the map's part of a render, as use-city-layers
 * does it: TrafficPainter.sync (only the changed ids), painter.draw, the app's layer functions,
 * deck.setProps; the air surface built in the app's worker (components/layers/air-surface.worker.ts,
 * as useAirSurface does from 200 stations). No React tree and no basemap: the figures are the
 * live path and deck.gl.
 */
import { Deck, MapView } from '@deck.gl/core';
import type { QueryClient } from '@tanstack/react-query';
import { airStationLayers, airSurfaceLayers, type AirStation } from '@/components/layers/air-layers';
import type { SurfaceReply, SurfaceRequest } from '@/components/layers/air-surface-messages';
import { trafficLayers } from '@/components/layers/traffic-layers';
import { TrafficPainter } from '@/components/layers/traffic-painter';
import { busLayers, type Bus } from '@/components/layers/transit-layers';
import { liveKeys, type LiveSnapshot } from '@/components/live/keys';
import { createLiveSync, type LiveSync } from '@/components/live/live-sync';
import { zodChecks } from '@/components/live/zod-checks';
import { makeQueryClient } from '@/components/providers/query-client';
import type { RoadSegment } from '@/lib/domain/road';
import { buildAirSurface } from '@/lib/map/air-surface';
import { updateSegmentColours } from '@/lib/map/path-buffers';
import { applyDelta } from '@/lib/protocol/delta';
import type { Freshness, LayerName, LayerSnapshot } from '@/lib/protocol/socket';
import { stream, tickDeltas, timeAt, type CityParams } from './city';

interface Params extends CityParams {
  seconds: number;
  changed: number;
}

interface Results {
  /** ms since navigation start: network and snapshots fetched, checked, cached and drawn. */
  firstLiveMs: number;
  buildMs: number;
  vertices: number;
  /** Per update: decode + check + cache write of the second's three messages. */
  applyMs: number[];
  /** Per update, the parts of applyMs: JSON.parse, and the syncs (zod check, then the write in place). */
  parseMs: number[];
  syncMs: number[];
  /** Per update, timed apart on the same messages: zod checks alone, and a structured clone (a worker's hand-off). */
  checkOnlyMs: number[];
  cloneMs: number[];
  /** Per update: the map's part of the render (painter, layer props, deck.setProps). */
  renderMs: number[];
  /** Per update: deck.gl's draw of the next frame (SwiftShader). */
  drawMs: number[];
  longTasks: number[];
  /** Per update, the same delta the old way: applyDelta's copy of every item, and a full-scan recolour. */
  oldCopyMs: number[];
  oldScanMs: number[];
  /** The air surface (IDW) over every sensor on the main thread, timed after the live window. */
  surfaceMs: number[];
  /** Surfaces the worker answered while live, and main-thread ms to turn each into an image. */
  surfacesFromWorker: number;
  surfaceReplyMs: number[];
  resyncs: number;
}

declare global {
  interface Window {
    runBench: (p: Params) => Promise<Results>;
  }
}

const freshness = (layer: LayerName): Freshness => ({
  layer,
  source: 'city-twin',
  asOf: timeAt(0),
  receivedAt: timeAt(0),
  polledAt: timeAt(0),
  stale: false,
  reason: null,
  sentAt: timeAt(0),
  pollIntervalMs: 1000,
});
const withIds = <T extends object>(items: Readonly<Record<string, T>>): Array<T & { id: string }> => Object.entries(items).map(([id, item]) => ({ ...item, id }));
const nextTask = () => new Promise<void>((r) => setTimeout(r, 0));
const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
const LAYERS: LayerName[] = ['traffic', 'air', 'transit'];

window.runBench = async (p) => {
  // Long tasks while live, less those of the bench's own work (building messages, the old way's timing).
  const tasks: Array<{ start: number; duration: number }> = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: false });
  const benchOwn: Array<[number, number]> = [];
  const own = <T>(work: () => T): T => {
    const from = performance.now();
    try {
      return work();
    } finally {
      benchOwn.push([from, performance.now()]);
    }
  };

  const queryClient: QueryClient = makeQueryClient();
  let resyncs = 0;
  const fetchAck = async (layer: LayerName) => ({ ok: true, snapshot: await (await fetch(`/snapshot/${layer}.json`)).json(), freshness: freshness(layer) });
  const syncs: LiveSync[] = LAYERS.map((layer) =>
    createLiveSync({
      queryClient,
      layer,
      checks: zodChecks,
      requests: {
        subscribe: fetchAck,
        snapshot: (l) => {
          resyncs++;
          return fetchAck(l);
        },
      },
      warn: (m) => console.error('[live]', m),
    }),
  );
  const cached = <L extends LayerName>(layer: L) => queryClient.getQueryData<LiveSnapshot<L>>(liveKeys.layer(layer));

  const segments = (await (await fetch('/network.json')).json()) as RoadSegment[];
  for (const s of syncs) s.connected();
  while (LAYERS.some((l) => !cached(l))) await nextTask();

  let drawStart = 0;
  let drawMs = 0;
  let drawn: () => void = () => undefined;
  const deck = new Deck({
    parent: document.getElementById('map') as HTMLDivElement,
    views: new MapView({ repeat: false }),
    initialViewState: { longitude: 9.96, latitude: 51.545, zoom: 12.3 },
    controller: false,
    layers: [],
    onBeforeRender: () => {
      drawStart = performance.now();
    },
    onAfterRender: () => {
      drawMs = performance.now() - drawStart;
      drawn();
    },
  });
  const frameDrawn = () => new Promise<void>((r) => (drawn = r));

  const b0 = performance.now();
  const painter = new TrafficPainter(segments);
  const buildMs = performance.now() - b0;
  // The air surface worker, as useAirSurface runs it: latest request wins, pixels transferred back.
  const worker = new Worker(new URL('../../components/layers/air-surface.worker.ts', import.meta.url), { type: 'module' });
  let surface: { image: ImageData; bounds: [number, number, number, number] } | null = null;
  let surfaceRequest = 0;
  let surfaceVersion = 0;
  const surfaceReplyMs: number[] = [];
  worker.onmessage = (e: MessageEvent<SurfaceReply>) => {
    if (e.data.id !== surfaceRequest || !e.data.surface) return;
    const t = performance.now();
    const s = e.data.surface;
    surface = { image: new ImageData(s.pixels, s.width, s.height), bounds: s.bounds };
    surfaceVersion++;
    surfaceReplyMs.push(performance.now() - t);
  };
  worker.onerror = (e) => console.error('[worker]', e.message);
  let askedFor = -1;
  const colours = new Map<string, { fill: [number, number, number, number]; text: [number, number, number, number] }>();

  /** The map's part of a render, as use-city-layers and CityMap do it, from what the cache holds. */
  const render = () => {
    const traffic = cached('traffic');
    const air = cached('air');
    const transit = cached('transit');
    if (!traffic || !air || !transit) throw new Error('a layer left the cache');
    const data = painter.draw(painter.sync(traffic));
    const common = { beforeId: undefined, visible: true, dimmed: false };
    const stations = withIds(air.items) as AirStation[];
    if (air.version !== askedFor) {
      askedFor = air.version;
      const request: SurfaceRequest = { id: ++surfaceRequest, stations: stations.map((st) => ({ location: st.location, aqi: st.aqi })) };
      worker.postMessage(request);
    }
    const airInput = { ...common, stations, surface, version: `${air.version}:${surfaceVersion}`, surfaceVisible: true };
    deck.setProps({
      layers: [
        ...airSurfaceLayers(airInput),
        ...trafficLayers({ ...common, segments, data, colourKey: `live:${traffic.version}`, selectedIndex: -1 }),
        ...airStationLayers(airInput),
        ...busLayers({ ...common, network: undefined, colours, coloursKey: 'none', buses: withIds(transit.items) as Bus[], version: transit.version }),
      ],
    });
  };

  let frame = frameDrawn();
  render();
  await frame;
  const firstLiveMs = performance.now();
  await nextFrame();

  const rand = stream(42);
  const applyMs: number[] = [];
  const parseMs: number[] = [];
  const syncMs: number[] = [];
  const checkOnlyMs: number[] = [];
  const cloneMs: number[] = [];
  const renderMs: number[] = [];
  const drawTimes: number[] = [];
  const oldCopyMs: number[] = [];
  const oldScanMs: number[] = [];
  const oldColours = new Uint8Array(segments.length * 4);
  // Let start-up work (shader compiles, first uploads) finish before long tasks count.
  await new Promise((r) => setTimeout(r, 3000));
  const liveFrom = performance.now();
  for (let tick = 1; tick <= p.seconds; tick++) {
    // The second's messages as the WebSocket delivers them: text, built before the clock starts.
    const messages = own(() => tickDeltas(p, tick, p.changed, rand).map((d) => JSON.stringify(d)));
    await new Promise((r) => setTimeout(r, 1000));
    let parse = 0;
    let sync = 0;
    for (const text of messages) {
      // Each message is its own task, as each socket event is.
      await nextTask();
      const a = performance.now();
      const raw: unknown = JSON.parse(text);
      const b = performance.now();
      for (const s of syncs) s.delta(raw);
      parse += b - a;
      sync += performance.now() - b;
    }
    const apply = parse + sync;
    parseMs.push(parse);
    syncMs.push(sync);
    // react-query notifies observers in a later task; the render follows there.
    await nextTask();
    frame = frameDrawn();
    const r0 = performance.now();
    render();
    renderMs.push(performance.now() - r0);
    applyMs.push(apply);
    await frame;
    drawTimes.push(drawMs);
    if (cached('traffic')?.version !== tick + 1) throw new Error(`traffic at version ${cached('traffic')?.version}, expected ${tick + 1}`);

    // The same traffic delta the old way, timed apart (not part of the figures above): applyDelta
    // copying every item, then a full-scan recolour because the copy names no changed ids.
    await nextTask();
    own(() => {
      const parsed = messages.map((m) => JSON.parse(m) as unknown);
      const c0 = performance.now();
      for (const raw of parsed) zodChecks.delta(raw);
      const c1 = performance.now();
      structuredClone(parsed);
      checkOnlyMs.push(c1 - c0);
      cloneMs.push(performance.now() - c1);
    });
    await nextTask();
    own(() => {
      const now = cached('traffic') as LayerSnapshot<'traffic'>;
      const delta = JSON.parse(messages[0]);
      const c0 = performance.now();
      const copied = applyDelta({ ...now, version: delta.baseVersion }, delta);
      const c1 = performance.now();
      updateSegmentColours(segments, copied.items, null, oldColours);
      oldCopyMs.push(c1 - c0);
      oldScanMs.push(performance.now() - c1);
    });
    await nextFrame();
  }
  const liveUntil = performance.now();
  // Long-task entries arrive after their task: give the observer a moment.
  await new Promise((r) => setTimeout(r, 200));
  const overlaps = (t: { start: number; duration: number }, [a, b]: [number, number]) => t.start < b && t.start + t.duration > a;
  const longTasks = tasks.filter((t) => t.start >= liveFrom && t.start < liveUntil && !benchOwn.some((w) => overlaps(t, w))).map((t) => t.duration);

  const surfaceMs: number[] = [];
  for (let k = 0; k < 5; k++) {
    const stations = withIds(cached('air')?.items ?? {});
    const s0 = performance.now();
    buildAirSurface(stations);
    surfaceMs.push(performance.now() - s0);
    await nextTask();
  }
  for (const s of syncs) s.stop();
  worker.terminate();
  deck.finalize();
  return { parseMs, syncMs, checkOnlyMs, cloneMs, surfacesFromWorker: surfaceReplyMs.length, surfaceReplyMs, firstLiveMs, buildMs, vertices: painter.geometry.vertexCount, applyMs, renderMs, drawMs: drawTimes, longTasks, oldCopyMs, oldScanMs, surfaceMs, resyncs };
};
