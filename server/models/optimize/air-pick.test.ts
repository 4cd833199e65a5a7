import { describe, expect, it } from 'vitest';
import { offset, pickSegments, reductionFor, type CandidateSegment } from './air-pick';

const station: [number, number] = [10, 51];
// Metres to degrees near 51° N.
const dLat = (m: number) => m / 111_195;
const dLon = (m: number) => m / (111_195 * Math.cos((51 * Math.PI) / 180));
const seg = (id: string, eastM: number, northM: number, flowVph: number, roadClass: CandidateSegment['roadClass'] = 'primary'): CandidateSegment => ({
  id,
  roadClass,
  lengthM: 200,
  mid: [station[0] + dLon(eastM), station[1] + dLat(northM)],
  flowVph,
});

describe('picking the segments to restrict around a station', () => {
  it('measures distance and bearing from the station', () => {
    const o = offset(station, seg('x', 0, 300, 0).mid);
    expect(o.distanceM).toBeCloseTo(300, 0);
    expect(o.bearingDeg).toBeCloseTo(0, 3);
  });

  it('leaves out segments beyond the radius however busy they are', () => {
    const picked = pickSegments(station, [seg('near', 100, 0, 300), seg('far', 900, 0, 5000)], null);
    expect(picked.map((p) => p.id)).toEqual(['near']);
  });

  it('takes the busiest nearby segments first and stops once they make most of the contribution', () => {
    const segments = [seg('busy', 150, 0, 3000), seg('mid', -150, 0, 800), seg('quiet1', 0, 150, 50, 'residential'), seg('quiet2', 0, -150, 50, 'residential')];
    const picked = pickSegments(station, segments, null);
    expect(picked.map((p) => p.id)).toEqual(['busy']);
  });

  it('prefers the upwind side when the wind blows', () => {
    // Wind from the west (270°): the western segment is upwind, the eastern one downwind.
    const segments = [seg('west', -200, 0, 1000), seg('east', 200, 0, 1000)];
    const picked = pickSegments(station, segments, { speedMs: 4, fromDeg: 270 });
    expect(picked[0]).toMatchObject({ id: 'west', upwind: true });
    expect(picked.map((p) => p.id)).not.toContain('east');
  });

  it('weighs both sides alike in calm air', () => {
    const segments = [seg('west', -200, 0, 1000), seg('east', 200, 0, 1000)];
    const picked = pickSegments(station, segments, { speedMs: 0.3, fromDeg: 270 });
    expect(picked.map((p) => p.id).sort()).toEqual(['east', 'west']);
  });

  it('asks for a larger reduction the further the AQI is over the threshold', () => {
    expect(reductionFor(100, 100)).toBe(0.2);
    expect(reductionFor(125, 100)).toBe(0.4);
    expect(reductionFor(300, 100)).toBe(0.6);
  });
});
