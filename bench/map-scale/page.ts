/**
 * Browser side of bench/map-scale.ts: a synthetic 50,000-segment city drawn with the control
 * room's own traffic layer (TrafficPainter + trafficLayers, binary attributes), 1,000 sensors and
 * 500 buses, updated once a second the way the live feed updates the react-query cache (a delta
 * applied by copying the items and replacing the changed ones, as lib/protocol/delta.ts does).
 */
import { Deck, MapView } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { RoadSegment } from '@/lib/domain/road';
import { trafficLayers } from '@/components/layers/traffic-layers';
import { TrafficPainter } from '@/components/layers/traffic-painter';

interface Params {
  segments: number;
  sensors: number;
  buses: number;
  seconds: number;
  changedShare: number;
}

interface Results {
  buildMs: number;
  firstFrameMs: number;
  applyMs: number[];
  renderMs: number[];
  totalMs: number[];
  longTasks: number[];
  vertices: number;
  copyMs: number[];
  scanMs: number[];
  /** From the update to deck.gl's next frame drawn: includes waiting for that frame. */
  endToEnd: number[];
}

declare global {
  interface Window {
    runBench: (p: Params) => Promise<Results>;
  }
}

const classes: RoadSegment['roadClass'][] = ['motorway', 'primary', 'secondary', 'tertiary', 'residential'];
let seed = 42;
const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);

function city(n: number): RoadSegment[] {
  // A grid of streets about 60 m apart, each segment a 3-vertex polyline, both directions.
  const side = Math.ceil(Math.sqrt(n / 2));
  const out: RoadSegment[] = [];
  for (let i = 0; out.length < n; i++) {
    const x = i % side;
    const y = Math.floor(i / side) % side;
    const lon = 9.9 + x * 0.0008;
    const lat = 51.5 + y * 0.0006;
    const horizontal = Math.floor(i / (side * side)) % 2 === 0;
    const path: [number, number][] = horizontal
      ? [[lon, lat], [lon + 0.0004, lat + 0.00002], [lon + 0.0008, lat]]
      : [[lon, lat], [lon + 0.00002, lat + 0.0003], [lon, lat + 0.0006]];
    out.push({ id: `s${out.length}`, name: '', roadClass: classes[i % 5], lanes: 2, freeFlowKmh: 50, capacityVph: 1800, lengthM: 60, path });
  }
  return out;
}

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

window.runBench = async (p) => {
  const longTasks: number[] = [];
  let measuring = false;
  new PerformanceObserver((list) => {
    if (measuring) for (const e of list.getEntries()) longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: false });

  const segments = city(p.segments);
  type Reading = { speedKmh: number; flowVph: number; occupancy: number; observedAt: string };
  const items: Record<string, Reading> = {};
  for (const s of segments) items[s.id] = { speedKmh: 20 + rand() * 40, flowVph: 900, occupancy: 0.2, observedAt: '' };
  const sensors = Array.from({ length: p.sensors }, (_, i) => ({ id: `q${i}`, position: [9.9 + rand() * 0.12, 51.5 + rand() * 0.09] as [number, number], v: rand() }));
  let buses = Array.from({ length: p.buses }, (_, i) => ({ id: `b${i}`, position: [9.9 + rand() * 0.12, 51.5 + rand() * 0.09] as [number, number] }));

  const container = document.getElementById('map') as HTMLDivElement;
  let rendered: () => void = () => undefined;
  let renderStart = 0;
  let renderMs = 0;
  const deck = new Deck({
    parent: container,
    views: new MapView({ repeat: false }),
    initialViewState: { longitude: 9.96, latitude: 51.545, zoom: 12.3 },
    controller: false,
    layers: [],
    onBeforeRender: () => {
      renderStart = performance.now();
    },
    onAfterRender: () => {
      renderMs = performance.now() - renderStart;
      rendered();
    },
  });
  const drawn = () => new Promise<void>((r) => (rendered = r));

  const t0 = performance.now();
  const painter = new TrafficPainter(segments);
  const buildMs = performance.now() - t0;
  let version = 0;
  const layers = (full = true) => [
    ...trafficLayers({
      segments,
      data: painter.draw(full ? painter.live(items) : painter.liveChanged(items, [])),
      colourKey: `live:${version}`,
      beforeId: undefined,
      dimmed: false,
      selectedIndex: -1,
      visible: true,
    }),
    new ScatterplotLayer({ id: 'sensors', data: sensors, getPosition: (d) => d.position, getFillColor: (d) => [255, Math.round(d.v * 255), 0], getRadius: 4, radiusUnits: 'pixels', updateTriggers: { getFillColor: version } }),
    new ScatterplotLayer({ id: 'buses', data: buses, getPosition: (d) => d.position, getFillColor: [80, 160, 255], getRadius: 5, radiusUnits: 'pixels' }),
  ];

  let frame = drawn();
  deck.setProps({ layers: layers() });
  await frame;
  const firstFrameMs = performance.now() - t0;
  await nextFrame();

  const applyMs: number[] = [];
  const copyMs: number[] = [];
  const endToEnd: number[] = [];
  const scanMs: number[] = [];
  // Let start-up work (shader compiles, first uploads) finish before long tasks count.
  await new Promise((r) => setTimeout(r, 3000));
  const renders: number[] = [];
  const totals: number[] = [];
  measuring = true;
  for (let s = 0; s < p.seconds; s++) {
    await new Promise((r) => setTimeout(r, 1000));
    // The update: a delta of changed readings, every sensor and every bus.
    const changed: Record<string, Reading> = {};
    const n = Math.round(p.segments * p.changedShare);
    for (let k = 0; k < n; k++) {
      const id = `s${Math.floor(rand() * p.segments)}`;
      changed[id] = { speedKmh: 5 + rand() * 50, flowVph: 900, occupancy: 0.2, observedAt: '' };
    }
    for (const q of sensors) q.v = rand();
    frame = drawn();
    const a = performance.now();
    // The items are updated in place (the map's own path); the cache's copy is timed apart below.
    Object.assign(items, changed);
    painter.liveChanged(items, Object.keys(changed));
    buses = buses.map((b) => ({ ...b, position: [b.position[0] + (rand() - 0.5) * 0.0002, b.position[1] + (rand() - 0.5) * 0.0002] as [number, number] }));
    version++;
    deck.setProps({ layers: layers(false) });
    const b = performance.now();
    await frame;
    endToEnd.push(performance.now() - a);
    applyMs.push(b - a);
    renders.push(renderMs);
    totals.push(b - a + renderMs);
    // What the live cache does today per delta (lib/protocol/delta.ts applyDelta copies the items)
    // and a full-scan recolour (use-city-layers without the changed ids), timed apart.
    const c0 = performance.now();
    const copy = { ...items, ...changed };
    const c1 = performance.now();
    painter.live(copy);
    const c2 = performance.now();
    copyMs.push(c1 - c0);
    scanMs.push(c2 - c1);
    await nextFrame();
  }
  measuring = false;
  const vertices = painter.geometry.vertexCount;
  deck.finalize();
  return { buildMs, firstFrameMs, applyMs, renderMs: renders, totalMs: totals, longTasks, vertices, copyMs, scanMs, endToEnd };
};
