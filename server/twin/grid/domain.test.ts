import { afterEach, describe, expect, it } from 'vitest';
import { gridNetworkSchema } from '@/lib/protocol/grid';
import { layerStateSchemaOf } from '@/lib/protocol/layers';
import { postJson, startTestModels } from '../../models/test-server';
import { generateCity } from '../city';
import { TrafficSim } from '../sim';
import { MILD_WEATHER } from '../twin-domains';
import { createGridDomain } from './domain';

type Running = Awaited<ReturnType<typeof startTestModels>>;
let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const START = Date.parse('2026-11-23T17:00:00Z');
const domainOf = () => {
  const city = generateCity({ seed: 9, size: 600 });
  return createGridDomain({ city, traffic: new TrafficSim(city, { seed: 9, start: START }), seed: 9, weather: () => MILD_WEATHER });
};

describe('the twin grid domain', () => {
  it('reports every feeder, substation and battery at once, then once a minute of twin time', () => {
    const grid = domainOf();
    const { substations, feeders, batteries } = grid.model.network;
    let reports = 0;
    for (let t = START; t < START + 5 * 60_000; t += 10_000) {
      grid.step(t);
      const entities = grid.observations();
      if (!entities.length) continue;
      reports++;
      expect(entities).toHaveLength(substations.length + feeders.length + batteries.length);
    }
    expect(reports).toBe(5);
  });

  it('is accepted whole by the model services: registration, then readings', async () => {
    running = await startTestModels();
    const grid = domainOf();
    grid.step(START + 60_000);
    const upsert = (body: unknown) => postJson(`${running?.url}/ngsi-ld/v1/entityOperations/upsert`, body);
    expect((await upsert(grid.registration())).status).toBe(204);
    expect((await upsert(grid.observations())).status).toBe(204);
    const net = gridNetworkSchema.parse(await (await fetch(`${running.url}/v1/grid/network`)).json());
    expect(net.feeders).toHaveLength(grid.model.network.feeders.length);
    const state = layerStateSchemaOf('grid').parse(await (await fetch(`${running.url}/v1/state/grid`)).json());
    const f0 = grid.model.network.feeders[0];
    expect(state.items[f0.id]).toMatchObject({ kind: 'feeder', capacityKw: f0.capacityKw, loadKw: Math.round(grid.sim.netKw[0] * 1000) / 1000 });
    expect(Object.keys(state.items)).toHaveLength(net.substations.length + net.feeders.length + net.batteries.length);
  });
});
