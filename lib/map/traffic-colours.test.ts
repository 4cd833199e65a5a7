import { describe, expect, it } from 'vitest';
import { congestionBands, noDataRgb } from '../domain/congestion';
import { buildColourBuffer, colourAt, segmentRgb } from './traffic-colours';

const seg = (id: string, freeFlowKmh = 50) => ({ id, freeFlowKmh });
const reading = (speedKmh: number) => ({ speedKmh });
const band = (level: string) => congestionBands.find((b) => b.level === level)!.rgb;

describe('the traffic colour buffer', () => {
  it('holds four bytes per segment, in network order', () => {
    const buf = buildColourBuffer([seg('a'), seg('b'), seg('c')], {});
    expect(buf).toBeInstanceOf(Uint8Array);
    expect(buf.length).toBe(12);
  });

  it('colours each segment by its speed as a share of its own free-flow speed', () => {
    const segments = [seg('fast', 50), seg('slowish', 50), seg('jam', 100), seg('crawl', 50)];
    const items = { fast: reading(45), slowish: reading(30), jam: reading(30), crawl: reading(5) };
    const buf = buildColourBuffer(segments, items);
    expect([...colourAt(buf, 0)]).toEqual([...band('free'), 255]);
    expect([...colourAt(buf, 1)]).toEqual([...band('moderate'), 255]);
    expect([...colourAt(buf, 2)]).toEqual([...band('heavy'), 255]);
    expect([...colourAt(buf, 3)]).toEqual([...band('severe'), 255]);
  });

  it('draws segments without a reading in the no-data grey', () => {
    const buf = buildColourBuffer([seg('a'), seg('b')], { a: reading(50) });
    expect([...colourAt(buf, 1)]).toEqual([...noDataRgb, 255]);
  });

  it('ignores readings for segments that are not in the network', () => {
    const buf = buildColourBuffer([seg('a')], { a: reading(50), ghost: reading(1) });
    expect(buf.length).toBe(4);
  });

  it('gives a single segment the same colour the buffer does', () => {
    expect(segmentRgb(seg('a', 80), reading(20))).toEqual(band('heavy'));
    expect(segmentRgb(seg('a'), undefined)).toEqual(noDataRgb);
  });
});
