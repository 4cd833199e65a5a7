import { describe, expect, it } from 'vitest';
import { issuesOf } from '../validation';
import { roadSegmentEntitySchema, shortId, trafficFlowObservedEntitySchema, upsertBatchSchema } from './ngsi';

const observation = () => ({
  id: 'urn:ngsi-ld:TrafficFlowObserved:s00001',
  type: 'TrafficFlowObserved',
  refRoadSegment: 'urn:ngsi-ld:RoadSegment:s00001',
  dateObserved: '2026-11-23T08:00:10.000Z',
  dateObservedFrom: '2026-11-23T08:00:00.000Z',
  dateObservedTo: '2026-11-23T08:00:10.000Z',
  averageVehicleSpeed: 42.5,
  intensity: 3,
  occupancy: 0.08,
  dataProvider: 'city-twin',
});

const segment = () => ({
  id: 'urn:ngsi-ld:RoadSegment:s00001',
  type: 'RoadSegment',
  name: 'Linden Street',
  roadClass: 'secondary',
  totalLaneNumber: 2,
  maximumAllowedSpeed: 50,
  capacity: 1800,
  length: 240,
  location: { type: 'LineString', coordinates: [[11.5, 48.1], [11.503, 48.101]] },
});

const pathsOf = (schema: typeof trafficFlowObservedEntitySchema | typeof roadSegmentEntitySchema, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : issuesOf(r.error).map((i) => i.path);
};

describe('TrafficFlowObserved schema', () => {
  it('accepts a keyValues observation', () => {
    expect(trafficFlowObservedEntitySchema.safeParse(observation()).success).toBe(true);
  });

  it.each([
    ['averageVehicleSpeed', -1],
    ['averageVehicleSpeed', 'fast'],
    ['intensity', -3],
    ['occupancy', 1.5],
    ['dateObserved', 'yesterday'],
    ['refRoadSegment', 'segment-1'],
    ['id', 'urn:ngsi-ld:RoadSegment:s1'],
  ])('rejects a bad %s (%j) and names the field', (field, value) => {
    expect(pathsOf(trafficFlowObservedEntitySchema, { ...observation(), [field]: value })).toContain(field);
  });

  it('rejects an observation missing its speed', () => {
    const { averageVehicleSpeed: _, ...rest } = observation();
    expect(pathsOf(trafficFlowObservedEntitySchema, rest)).toContain('averageVehicleSpeed');
  });

  it('rejects an observation period that ends before it starts', () => {
    const bad = { ...observation(), dateObservedFrom: '2026-11-23T08:00:20.000Z' };
    expect(pathsOf(trafficFlowObservedEntitySchema, bad)).toContain('dateObservedFrom');
  });
});

describe('RoadSegment schema', () => {
  it('accepts a road segment with a line geometry', () => {
    expect(roadSegmentEntitySchema.safeParse(segment()).success).toBe(true);
  });

  it.each([
    ['roadClass', 'highway-to-hell'],
    ['totalLaneNumber', 0],
    ['maximumAllowedSpeed', 0],
    ['location', { type: 'Point', coordinates: [11.5, 48.1] }],
    ['name', ''],
  ])('rejects a bad %s and names the field', (field, value) => {
    expect(pathsOf(roadSegmentEntitySchema, { ...segment(), [field]: value }).some((p) => p.startsWith(field))).toBe(true);
  });

  it('rejects coordinates off the globe', () => {
    const bad = { ...segment(), location: { type: 'LineString', coordinates: [[200, 48], [11.5, 48.1]] } };
    expect(pathsOf(roadSegmentEntitySchema, bad)).toContain('location.coordinates[0][0]');
  });
});

describe('upsert batch schema', () => {
  it('accepts a mixed batch of segments and observations', () => {
    expect(upsertBatchSchema.safeParse([segment(), observation()]).success).toBe(true);
  });

  it('names the index of the bad entity in a batch', () => {
    const r = upsertBatchSchema.safeParse([observation(), { ...observation(), occupancy: 2 }]);
    expect(r.success).toBe(false);
    if (!r.success) expect(issuesOf(r.error).map((i) => i.path)).toContain('[1].occupancy');
  });

  it('rejects an entity of an unknown type', () => {
    const r = upsertBatchSchema.safeParse([{ ...observation(), type: 'ParkingSpot' }]);
    expect(r.success).toBe(false);
    if (!r.success) expect(issuesOf(r.error)[0].path).toBe('[0].type');
  });

  it('rejects an empty batch', () => {
    expect(upsertBatchSchema.safeParse([]).success).toBe(false);
  });
});

describe('shortId', () => {
  it('strips the urn and type from an entity id', () => {
    expect(shortId('urn:ngsi-ld:RoadSegment:s00042')).toBe('s00042');
  });
});
