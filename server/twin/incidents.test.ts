import { describe, expect, it } from 'vitest';
import { alertEntitySchema, incidentKindOf } from '@/lib/protocol/ngsi-incidents';
import { upsertBatchSchema } from '@/lib/protocol/ngsi';
import { generateCity } from './city';
import { runUntil } from './history';
import { alertEntity } from './incidents';
import { World } from './world';

const MONDAY = Date.parse('2026-11-16T00:00:00Z');
const HOUR = 3600_000;

describe('the twin’s incidents domain', () => {
  it('reports every incident in effect as a valid traffic Alert on its segment', () => {
    const city = generateCity({ seed: 3, size: 2000 });
    const world = new World(city, { seed: 3, start: MONDAY + 11 * HOUR });
    runUntil(world, MONDAY + 12 * HOUR);
    const alerts = world.observations().filter((e) => e.type === 'Alert' && e.category === 'traffic');
    expect(alerts.length).toBe(world.traffic.incidents.length);
    expect(alerts.length).toBeGreaterThan(0);
    expect(upsertBatchSchema.safeParse(alerts).success).toBe(true);
    world.traffic.incidents.forEach((inc, k) => {
      const alert = alertEntitySchema.parse(alerts[k]);
      expect(alert.refRoadSegment).toBe(`urn:ngsi-ld:RoadSegment:${city.segments[inc.segment].id}`);
      expect(incidentKindOf(alert)).toBe(inc.kind);
      expect(Date.parse(alert.validFrom ?? '')).toBe(inc.start);
      expect(Date.parse(alert.validTo ?? '')).toBe(inc.until);
    });
  });

  it('sends each kind under its Smart Data Models subCategory', () => {
    const city = generateCity({ seed: 3, size: 400 });
    const world = new World(city, { seed: 3, start: MONDAY + 2 * HOUR });
    const sub = (kind: 'crash' | 'breakdown' | 'roadworks' | 'event') => alertEntity(city, world.traffic.addIncident(5, 0.5, HOUR, { kind })).subCategory;
    expect([sub('crash'), sub('breakdown'), sub('roadworks'), sub('event')]).toEqual(['carAccident', 'carStopped', 'roadWorks', 'crowdRisk']);
  });

  it('describes each incident with a message code as well as in English, for the control room to write in any language', () => {
    const city = generateCity({ seed: 3, size: 400 });
    const world = new World(city, { seed: 3, start: MONDAY + 2 * HOUR });
    const street = city.segments[5].name;
    const closed = alertEntitySchema.parse(alertEntity(city, world.traffic.addIncident(5, 0, HOUR, { kind: 'crash' })));
    expect(closed.description).toBe(`Crash on ${street}: road closed`);
    expect(closed.descriptionText).toEqual({ code: 'incident.crash', params: { street, passage: 'closed', open: 0, lanes: city.segments[5].lanes } });
  });

  it('sends no code for a description a caller wrote itself', () => {
    const city = generateCity({ seed: 3, size: 400 });
    const world = new World(city, { seed: 3, start: MONDAY + 2 * HOUR });
    const own = alertEntity(city, world.traffic.addIncident(5, 0.5, HOUR, { description: 'Parade' }));
    expect([own.description, own.descriptionText]).toEqual(['Parade', undefined]);
  });

  it('reports nothing once the incidents have ended', () => {
    const city = generateCity({ seed: 3, size: 400 });
    const world = new World(city, { seed: 3, start: MONDAY + 2 * HOUR });
    world.traffic.incidents = [];
    world.traffic.addIncident(7, 0.3, 20 * 60_000);
    expect(world.observations().filter((e) => e.type === 'Alert')).toHaveLength(1);
    runUntil(world, MONDAY + 2 * HOUR + 21 * 60_000);
    expect(world.observations().some((e) => e.type === 'Alert' && e.id.includes('s00007'))).toBe(false);
  });
});
