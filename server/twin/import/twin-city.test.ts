import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { upsertBatchSchema } from '@/lib/protocol/ngsi';
import { isTransitTwin } from '../transit/domain';
import { World } from '../world';
import { importCity } from './import-city';
import { chooseCity } from './twin-city';

const MONACO = '../shared/data/osm/monaco.osm.gz';
const CALTRAIN = '../shared/data/gtfs/caltrain_20160406.zip';
const present = existsSync(MONACO) && existsSync(CALTRAIN);
if (!present) console.log(`skipping the twin-on-an-imported-city test: ${MONACO} or ${CALTRAIN} is absent`);

describe('the city the twin runs', () => {
  it('is the generated town when nothing was imported', () => {
    const { city, gtfs, origin } = chooseCity({ dataDir: mkdtempSync(join(tmpdir(), 'polis-')), seed: 42, size: 400 });
    expect(city.grid).toBeDefined();
    expect(gtfs).toBeUndefined();
    expect(origin).toBe('generated from seed 42');
  });

  it.skipIf(!present)('is the imported city, whose every domain runs and reports valid NGSI-LD, with transit on the imported feed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'polis-'));
    await importCity({ roads: MONACO, gtfs: CALTRAIN, name: 'Monaco' }, dir);
    const { city, gtfs, origin } = chooseCity({ dataDir: dir, seed: 42, size: 400 });
    expect(city.name).toBe('Monaco');
    expect(origin).toMatch(/^imported from monaco.osm.gz with caltrain_20160406.zip/);
    const world = new World(city, { seed: 42, start: Date.parse('2026-11-16T07:30:00Z'), gtfs });
    for (let k = 0; k < 60; k++) world.step();
    expect(upsertBatchSchema.safeParse(world.registration()).success).toBe(true);
    expect(upsertBatchSchema.safeParse(world.observations()).success).toBe(true);
    const transit = world.domains.find(isTransitTwin);
    expect(transit?.feed.agency[0].agency_name).toBe('Caltrain');
  });
});
