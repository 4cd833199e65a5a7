import { describe, expect, it } from 'vitest';
import type { RoadSegment } from '@/lib/domain/road';
import type { SignalIntersection } from '@/lib/protocol/actuation';
import { corridorSignals, extendCorridor, RoadGraph } from './corridor';

// High Street runs east through x = 0…4 (0.01° apart) with signals at x = 1 and x = 3; Mill Lane crosses at x = 1.
const P = (x: number, y = 0): [number, number] => [10 + x * 0.01, 51 + y * 0.01];
const seg = (id: string, name: string, from: [number, number], to: [number, number]): RoadSegment => ({
  id,
  name,
  roadClass: 'primary',
  lanes: 1,
  freeFlowKmh: 36,
  capacityVph: 1800,
  lengthM: 700,
  path: [from, to],
});
const segments = [
  seg('h0', 'High Street', P(0), P(1)),
  seg('h1', 'High Street', P(1), P(2)),
  seg('h2', 'High Street', P(2), P(3)),
  seg('h3', 'High Street', P(3), P(4)),
  seg('h1r', 'High Street', P(2), P(1)),
  seg('m0', 'Mill Lane', P(1, -1), P(1)),
  seg('m1', 'Mill Lane', P(1), P(1, 1)),
];
const signal = (id: string, approaches: string[]): SignalIntersection => ({
  id,
  name: id,
  location: P(1),
  approaches: approaches.map((segmentId) => ({ segmentId, street: '', axis: 'east-west', saturationVph: 1900 })),
  timing: { intersectionId: id, cycleS: 90, offsetS: 0, phases: [{ approaches: [approaches[0]], greenS: 41 }, { approaches: approaches.slice(1), greenS: 41 }] },
  actionId: null,
});
const signals = new Map([
  ['h0', signal('j1', ['h0', 'm0', 'h1r'])],
  ['h2', signal('j3', ['h2'])],
]);
const signalAt = (id: string) => signals.get(id);
const graph = new RoadGraph(segments);

describe('walking a corridor', () => {
  it('carries on along the same street in the driving direction, not onto the crossing street or back', () => {
    expect(graph.next(segments[0])?.id).toBe('h1');
  });

  it('extends one segment through the signals ahead and stops at the last one', () => {
    expect(extendCorridor(graph, segments[0], signalAt)).toEqual(['h0', 'h1', 'h2']);
  });

  it('lists the signals passed with the free-flow time between their stop lines', () => {
    const found = corridorSignals(graph, ['h0', 'h1', 'h2'], signalAt);
    expect(found.map((s) => [s.intersection.id, s.approachId])).toEqual([
      ['j1', 'h0'],
      ['j3', 'h2'],
    ]);
    // Two 700 m segments at 10 m/s.
    expect(found[1].travelTimeS).toBeCloseTo(140, 9);
  });
});
