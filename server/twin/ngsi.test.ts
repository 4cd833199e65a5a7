import { describe, expect, it } from 'vitest';
import { basemapSchema } from '@/lib/protocol/basemap';
import { historyBackfillSchema } from '@/lib/protocol/models-api';
import { roadSegmentEntitySchema, trafficFlowObservedEntitySchema } from '@/lib/protocol/ngsi';
import { buildBasemap } from './basemap';
import { generateCity } from './city';
import { simulateBlock } from './history';
import { roadSegmentEntities, trafficFlowEntities } from './ngsi';
import { TrafficSim } from './sim';

const START = Date.parse('2026-11-16T07:00:00Z');

describe('what the twin sends', () => {
  it('describes every road segment as a valid NGSI-LD RoadSegment', () => {
    const city = generateCity({ seed: 5, size: 2000 });
    for (const e of roadSegmentEntities(city)) expect(roadSegmentEntitySchema.safeParse(e).success).toBe(true);
  });

  it('reports every segment as a valid TrafficFlowObserved from the city twin', () => {
    const city = generateCity({ seed: 5, size: 2000 });
    const sim = new TrafficSim(city, { seed: 5, start: START });
    for (let k = 0; k < 60; k++) sim.step();
    const entities = trafficFlowEntities(city, sim);
    expect(entities).toHaveLength(city.segments.length);
    for (const e of entities) expect(trafficFlowObservedEntitySchema.safeParse(e).success).toBe(true);
    expect(entities[0].dataProvider).toBe('city-twin');
    expect(entities[0].dateObserved).toBe('2026-11-16T07:10:00.000Z');
  });

  it('draws a valid basemap with water, parks, districts, roads, bridges and labels', () => {
    const basemap = basemapSchema.parse(buildBasemap(generateCity({ seed: 5, size: 2000 })));
    const kinds = new Set(basemap.features.map((f) => f.properties.kind));
    expect([...kinds].sort()).toEqual(['bridge', 'city', 'district', 'land', 'park', 'road', 'water', 'water-label']);
  });

  it('backfills history as valid 5-minute blocks', async () => {
    const city = generateCity({ seed: 5, size: 2000 });
    const block = historyBackfillSchema.parse(await simulateBlock(city, 5, { start: START, end: START + 3600_000 }));
    expect(block.speedKmh[0]).toHaveLength(12);
    expect(block.segmentIds).toHaveLength(city.segments.length);
  });
});
