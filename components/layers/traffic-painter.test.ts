import { describe, expect, it } from 'vitest';
import type { RoadSegment } from '@/lib/domain/road';
import { segmentRgb } from '@/lib/map/traffic-colours';
import { TrafficPainter } from './traffic-painter';

const segment = (id: string, x: number): RoadSegment => ({
  id,
  name: id,
  roadClass: 'primary',
  lanes: 2,
  freeFlowKmh: 50,
  capacityVph: 1800,
  lengthM: 100,
  path: [
    [x, 50],
    [x + 0.001, 50],
  ],
});
const segments = [segment('a', 10), segment('b', 10.01)];
const jammed = { speedKmh: 4 };
const free = { speedKmh: 50 };
/** The colour the painter shows for path `i` (RGB). */
const rgbOf = (colours: Uint8Array, i: number) => [...colours.subarray(i * 4, i * 4 + 3)];
const expected = (i: number, reading: { speedKmh: number }) => [...segmentRgb(segments[i], reading)];

describe('the traffic painter following the live cache', () => {
  it('colours every segment from a whole snapshot', () => {
    const painter = new TrafficPainter(segments);
    const colours = painter.sync({ version: 1, items: { a: jammed, b: free } });
    expect(rgbOf(colours, 0)).toEqual(expected(0, jammed));
    expect(rgbOf(colours, 1)).toEqual(expected(1, free));
  });

  it('recolours only the ids a delta names when it was applied to the version shown', () => {
    const painter = new TrafficPainter(segments);
    const items: Record<string, { speedKmh: number }> = { a: free, b: free };
    painter.sync({ version: 1, items });
    // Written in place as the cache does; b changes too but the delta does not name it.
    items.a = jammed;
    items.b = jammed;
    const colours = painter.sync({ version: 2, items, changed: { since: 1, ids: ['a'] } });
    expect(rgbOf(colours, 0)).toEqual(expected(0, jammed));
    expect(rgbOf(colours, 1)).toEqual(expected(1, free));
  });

  it('recolours everything when a version was missed between two syncs', () => {
    const painter = new TrafficPainter(segments);
    const items: Record<string, { speedKmh: number }> = { a: free, b: free };
    painter.sync({ version: 1, items });
    items.a = jammed;
    items.b = jammed;
    const colours = painter.sync({ version: 3, items, changed: { since: 2, ids: ['a'] } });
    expect(rgbOf(colours, 1)).toEqual(expected(1, jammed));
  });

  it('recolours everything from a new snapshot of the same version', () => {
    const painter = new TrafficPainter(segments);
    painter.sync({ version: 1, items: { a: free, b: free } });
    const colours = painter.sync({ version: 1, items: { a: jammed, b: jammed } });
    expect(rgbOf(colours, 0)).toEqual(expected(0, jammed));
    expect(rgbOf(colours, 1)).toEqual(expected(1, jammed));
  });

  it('colours a segment whose reading a delta removed as having no data', () => {
    const painter = new TrafficPainter(segments);
    const items: Record<string, { speedKmh: number }> = { a: jammed, b: free };
    painter.sync({ version: 1, items });
    delete items.a;
    const colours = painter.sync({ version: 2, items, changed: { since: 1, ids: ['a'] } });
    expect(rgbOf(colours, 0)).toEqual([...segmentRgb(segments[0], undefined)]);
  });
});
