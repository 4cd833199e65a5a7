import { describe, expect, it } from 'vitest';
import { gridNetworkSchema } from '@/lib/protocol/grid';
import { upsertBatchSchema } from '@/lib/protocol/ngsi';
import { generateCity } from '../city';
import { generateGrid } from './network';
import { gridRegistrationEntities } from './ngsi';

const city = generateCity({ seed: 42, size: 2000 });
const grid = generateGrid(city, 42);

describe('the generated electricity grid', () => {
  it('has at least 12 substations, 80 feeders and 2 battery sites', () => {
    expect(grid.network.substations.length).toBeGreaterThanOrEqual(12);
    expect(grid.network.feeders.length).toBeGreaterThanOrEqual(80);
    expect(grid.network.batteries.length).toBeGreaterThanOrEqual(2);
    expect(gridNetworkSchema.safeParse(grid.network).success).toBe(true);
  });

  it('is as big for the smallest city the twin accepts', () => {
    const small = generateGrid(generateCity({ seed: 1, size: 200 }), 1);
    expect(small.network.substations.length).toBeGreaterThanOrEqual(12);
    expect(small.network.feeders.length).toBeGreaterThanOrEqual(80);
    expect(gridNetworkSchema.safeParse(small.network).success).toBe(true);
  });

  it('draws every feeder from its substation along the streets', () => {
    const at = new Map(city.nodes.map((n, i) => [city.toLonLat(n.x, n.y).join(), i]));
    const street = new Set(city.segments.map((s) => `${s.from}>${s.to}`));
    const substation = new Map(grid.network.substations.map((s) => [s.id, s]));
    for (const f of grid.network.feeders) {
      expect(f.path[0]).toEqual(substation.get(f.substationId)?.location);
      for (let k = 1; k < f.path.length; k++) {
        const a = at.get(f.path[k - 1].join());
        const b = at.get(f.path[k].join());
        expect(street.has(`${a}>${b}`), `${f.id} leg ${k}`).toBe(true);
      }
    }
  });

  it('gives every feeder a unique id and a known substation, and every battery a known feeder', () => {
    const feederIds = new Set(grid.network.feeders.map((f) => f.id));
    const substationIds = new Set(grid.network.substations.map((s) => s.id));
    expect(feederIds.size).toBe(grid.network.feeders.length);
    for (const f of grid.network.feeders) expect(substationIds.has(f.substationId)).toBe(true);
    for (const b of grid.network.batteries) expect(feederIds.has(b.feederId)).toBe(true);
  });

  it('registers as valid NGSI-LD entities of the Smart Data Models', () => {
    const entities = gridRegistrationEntities(grid);
    expect(upsertBatchSchema.safeParse(entities).success).toBe(true);
    expect(new Set(entities.map((e) => e.type))).toEqual(new Set(['Substation', 'ACLineSegment', 'StorageBatteryDevice']));
  });

  it('is the same grid for the same city and seed', () => {
    expect(generateGrid(city, 42).network).toEqual(grid.network);
    expect(generateGrid(city, 43).network).not.toEqual(grid.network);
  });
});
