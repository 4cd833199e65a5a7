import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { errorBodySchema } from '@/lib/protocol/models-api';
import { entityId } from '@/lib/protocol/ngsi';
import { openPglite } from '../store/pglite';
import { Store } from '../store/store';
import { createModelsServer, type ModelsServer, type ModelsServerOptions } from './app';

/** A real model services server on a loopback port with an in-memory PGlite store (options: e.g. the field the optimisers use). */
export async function startTestModels(
  opts: Omit<ModelsServerOptions, 'store'> = {},
): Promise<{ url: string; models: ModelsServer; store: Store; stop: () => Promise<void> }> {
  const store = await Store.open(await openPglite());
  const models = await createModelsServer({ log: () => undefined, ...opts, store });
  await new Promise<void>((resolve) => models.server.listen(0, '127.0.0.1', resolve));
  const { port } = models.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    models,
    store,
    stop: async () => {
      await models.close();
      await store.close();
    },
  };
}

export const roadSegmentEntity = (id: string) => ({
  id: entityId('RoadSegment', id),
  type: 'RoadSegment' as const,
  name: 'Mill Street',
  roadClass: 'secondary' as const,
  totalLaneNumber: 1,
  maximumAllowedSpeed: 50,
  capacity: 1600,
  length: 250,
  location: {
    type: 'LineString' as const,
    coordinates: [
      [8.8, 51.1],
      [8.801, 51.1005],
    ] as [number, number][],
  },
  dataProvider: 'test',
});

export const flowEntity = (id: string, at: string, speed: number) => ({
  id: entityId('TrafficFlowObserved', id),
  type: 'TrafficFlowObserved' as const,
  refRoadSegment: entityId('RoadSegment', id),
  dateObserved: at,
  dateObservedFrom: new Date(Date.parse(at) - 10_000).toISOString(),
  dateObservedTo: at,
  averageVehicleSpeed: speed,
  intensity: 2,
  occupancy: 0.1,
  dataProvider: 'test',
});

export const postJson = (url: string, body: unknown, method = 'POST') =>
  fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export const upsertEntities = (url: string, body: unknown) => postJson(`${url}/ngsi-ld/v1/entityOperations/upsert`, body);

/** The error body of a refused request, validated. */
export const errorOf = async (res: Response) => errorBodySchema.parse(await res.json()).error;

type Running = Awaited<ReturnType<typeof startTestModels>>;

/**
 * One model services server per test: `start()` opens it, and it is stopped after each test
 * (call at the top of a test file; it registers the afterEach hook).
 */
export function modelsPerTest(): () => Promise<Running> {
  let running: Running | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });
  return async () => (running = await startTestModels());
}
