import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyBackfillSchema, historyQuerySchema } from '@/lib/protocol/models-api';
import { optimizeAirRequestSchema, optimizeGridRequestSchema, optimizeSignalsRequestSchema } from '@/lib/protocol/actuation';
import { errorBodySchema } from '@/lib/protocol/models-api';
import { upsertBatchSchema } from '@/lib/protocol/ngsi';
import { FUZZ_RUNS, inBatches, junkJson, junkObject, samples, withJunkField } from '@/lib/testing/fuzz';
import { openPglite } from '../store/pglite';
import type { Sql } from '../store/sql';
import { Store } from '../store/store';
import { keepAliveClient, tableDigest, type FuzzResponse } from '../testing/fuzz-http';
import { createModelsServer, type ModelsServer } from './app';
import { MAX_BODY_BYTES } from './http';
import { flowEntity, roadSegmentEntity } from './test-server';

let sql: Sql;
let store: Store;
let models: ModelsServer;
let client: ReturnType<typeof keepAliveClient>;
const AT = '2026-11-23T08:00:00.000Z';

beforeAll(async () => {
  sql = await openPglite();
  store = await Store.open(sql);
  models = await createModelsServer({ store, log: () => undefined, rollupIntervalMs: 3_600_000 });
  await new Promise<void>((resolve) => models.server.listen(0, '127.0.0.1', resolve));
  client = keepAliveClient(`http://127.0.0.1:${(models.server.address() as AddressInfo).port}`);
  const seeded = await client.json('POST', '/ngsi-ld/v1/entityOperations/upsert', [roadSegmentEntity('s00001'), flowEntity('s00001', AT, 40)]);
  expect(seeded.status).toBe(204);
});

afterAll(async () => {
  client.close();
  await models.close();
  await store.close();
});

/** A refusal: a 4xx with an error body whose message says what was wrong (and, for a field, issues naming it). */
function expectClearRefusal(res: FuzzResponse, input: unknown): void {
  if (res.status < 400 || res.status >= 500) throw new Error(`expected a 4xx for ${JSON.stringify(input)?.slice(0, 300)}, got ${res.status}: ${res.body.slice(0, 300)}`);
  const { error } = errorBodySchema.parse(JSON.parse(res.body));
  expect(error.message.length).toBeGreaterThan(0);
  for (const issue of error.issues ?? []) expect(typeof issue.path).toBe('string');
}

/** Run the inputs, each answered with a clear refusal, and check the store did not move. */
async function fuzz<T>(inputs: T[], send: (input: T) => Promise<FuzzResponse>): Promise<Record<number, number>> {
  expect(inputs.length).toBeGreaterThanOrEqual(FUZZ_RUNS);
  const before = await tableDigest(sql);
  const state = await (await fetch(`http://127.0.0.1:${(models.server.address() as AddressInfo).port}/v1/state/traffic`)).text();
  const statuses: Record<number, number> = {};
  await inBatches(inputs, 100, async (input) => {
    const res = await send(input);
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    expectClearRefusal(res, input);
  });
  expect(await tableDigest(sql)).toEqual(before);
  expect(await (await fetch(`http://127.0.0.1:${(models.server.address() as AddressInfo).port}/v1/state/traffic`)).text()).toBe(state);
  return statuses;
}

/** A body as sent: mostly JSON, some not JSON at all, some with the wrong content type. */
type Body = { json: unknown } | { raw: string; type: string };
const asBody = (json: fc.Arbitrary<unknown>): fc.Arbitrary<Body> =>
  fc.oneof(
    { weight: 8, arbitrary: json.map((j) => ({ json: j })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).filter((s) => { try { JSON.parse(s); return false; } catch { return true; } }).map((raw) => ({ raw, type: 'application/json' })) },
    { weight: 1, arbitrary: fc.tuple(json, fc.constantFrom('text/plain', '', 'application/x-www-form-urlencoded', 'multipart/form-data')).map(([j, type]) => ({ raw: JSON.stringify(j) ?? 'null', type })) },
  );
const post = (path: string) => (b: Body) =>
  'json' in b ? client.json('POST', path, b.json) : client.send('POST', path, b.raw, b.type ? { 'content-type': b.type } : {});

const entityKeys = ['id', 'type', 'refRoadSegment', 'dateObserved', 'averageVehicleSpeed', 'location', 'name', 'intensity', 'occupancy'];

describe('the model services under generated bad requests', () => {
  it('refuse 10,000 bad NGSI-LD upserts with a 4xx naming the problem, and store nothing', async () => {
    const bad = fc.oneof(
      junkJson(),
      fc.array(junkObject(entityKeys), { minLength: 1, maxLength: 3 }),
      fc.array(fc.oneof(withJunkField(roadSegmentEntity('s00002')), withJunkField(flowEntity('s00001', AT, 30))), { minLength: 1, maxLength: 3 }),
    ).filter((b) => !upsertBatchSchema.safeParse(b).success);
    // Valid entities that point at a segment nobody registered: refused as a whole batch.
    const dangling = fc.array(fc.stringMatching(/^[a-z0-9]{1,12}$/).map((id) => flowEntity(`zz${id}`, AT, 30)), { minLength: 1, maxLength: 3 });
    const inputs = samples(asBody(fc.oneof({ weight: 9, arbitrary: bad }, { weight: 1, arbitrary: dangling })));
    console.log('[fuzz] upsert statuses', await fuzz(inputs, post('/ngsi-ld/v1/entityOperations/upsert')));
  });

  it('refuse 10,000 bad history backfills with a 4xx naming the problem, and store nothing', async () => {
    const valid = { start: AT, stepSeconds: 300, segmentIds: ['s00001'], speedKmh: [[50, 48]], flowVph: [[900, 950]] };
    const bad = fc
      .oneof(junkJson(), junkObject(Object.keys(valid)), withJunkField(valid), fc.constant({ ...valid, speedKmh: [[50]], flowVph: [[1, 2, 3]] }))
      .filter((b) => !historyBackfillSchema.safeParse(b).success);
    const unknown = fc.stringMatching(/^[a-z0-9]{1,12}$/).map((id) => ({ ...valid, segmentIds: [`zz${id}`] }));
    const inputs = samples(asBody(fc.oneof({ weight: 9, arbitrary: bad }, { weight: 1, arbitrary: unknown })));
    console.log('[fuzz] history statuses', await fuzz(inputs, post('/v1/ingest/traffic/history')));
  });

  it('refuse 10,000 bad optimise requests with a 4xx naming the problem', async () => {
    const schemas = { signals: optimizeSignalsRequestSchema, grid: optimizeGridRequestSchema, air: optimizeAirRequestSchema } as const;
    const keys = ['corridor', 'intersectionId', 'horizonMin', 'feederId', 'stationId', 'aqiThreshold'];
    const request = fc
      .tuple(fc.constantFrom('signals', 'grid', 'air') as fc.Arbitrary<keyof typeof schemas>, fc.oneof(junkJson(), junkObject(keys)))
      .filter(([kind, b]) => !schemas[kind].safeParse(b).success);
    const inputs = samples(fc.oneof({ weight: 9, arbitrary: request.map(([kind, json]) => ({ kind, json, method: 'POST' })) }, { weight: 1, arbitrary: fc.tuple(fc.constantFrom('signals', 'grid', 'air'), fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH')).map(([kind, method]) => ({ kind, json: {}, method })) }));
    console.log('[fuzz] optimise statuses', await fuzz(inputs, (r) => client.json(r.method, `/v1/optimize/${r.kind}`, r.json)));
  });

  it('refuse 10,000 bad forecast and history queries with a 4xx', async () => {
    // Path ids: junk, encoded or with broken percent escapes; query values the schemas refuse.
    const idPart = fc.oneof(
      fc.constant('s00001'),
      fc.string({ maxLength: 70 }).filter((s) => s.length > 0).map(encodeURIComponent),
      fc.constantFrom('%', '%zz', '%E0%A4%A', '%C0', '..', '%2F', 'traffic-speed'),
    );
    const minutes = fc.oneof(fc.string({ maxLength: 8 }), fc.double().map(String), fc.integer().map(String)).filter((m) => !historyQuerySchema.safeParse({ minutes: m }).success);
    const query = fc.tuple(minutes, fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.string({ maxLength: 6 }), { maxKeys: 2 })).map(([m, extra]) => new URLSearchParams({ ...extra, minutes: m }).toString());
    const path = fc.tuple(fc.constantFrom('/v1/forecasts/traffic/', '/v1/forecasts/map/', '/v1/forecasts/grid/', '/v1/forecasts/air/', '/v1/segments/'), idPart, query).map(([p, id, q]) => `${p}${id}${p === '/v1/segments/' ? '/history' : ''}?${q}`);
    const inputs = samples(path);
    console.log('[fuzz] query statuses', await fuzz(inputs, (p) => client.send('GET', p)));
  });

  it('answer a body declared over the limit with 413 before reading it', async () => {
    const port = (models.server.address() as AddressInfo).port;
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ port, host: '127.0.0.1', method: 'POST', path: '/ngsi-ld/v1/entityOperations/upsert', headers: { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) } }, (res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('[');
    });
    expect(status).toBe(413);
  });
});
