import { describe, expect, it } from 'vitest';
import { generateCity } from './city';
import { GREEN_SHARE, SIGNAL_SPEED_FACTOR } from './sim';
import { approachControl, signalisedIntersections } from './signals';

const city = generateCity({ seed: 3, size: 2000 });

describe('the city signals', () => {
  it('times every signalised junction by default with two phases in a 90 s cycle', () => {
    const list = signalisedIntersections(city);
    expect(list).toHaveLength(city.nodes.filter((n) => n.signalised).length);
    for (const x of list) {
      expect(x.defaultTiming.cycleS).toBe(90);
      expect(x.defaultTiming.phases).toHaveLength(2);
      expect(x.defaultTiming.phases.flatMap((p) => p.approaches).sort()).toEqual(x.approaches.map((a) => a.segmentId).sort());
    }
  });

  it('leaves an approach under the default timing the capacity share and speed it had before timings existed', () => {
    const t = signalisedIntersections(city)[0].defaultTiming;
    const c = approachControl(t, 0);
    expect(c.exitShare).toBeCloseTo(GREEN_SHARE, 12);
    expect(c.speedFactor).toBeCloseTo(SIGNAL_SPEED_FACTOR, 12);
  });

  it('raises arrivals on green and cuts delay when the upstream offset matches the travel time', () => {
    const t = signalisedIntersections(city)[0].defaultTiming;
    const random = approachControl(t, 0);
    const inStep = approachControl(t, 0, { timing: { ...t, offsetS: 70 }, phase: 0, travelS: 20 });
    const against = approachControl(t, 0, { timing: { ...t, offsetS: 25 }, phase: 0, travelS: 20 });
    expect(inStep.arrivalsOnGreen).toBeGreaterThan(0.8);
    expect(inStep.delayS).toBeLessThan(random.delayS);
    expect(against.delayS).toBeGreaterThan(random.delayS);
  });
});
