import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actuationRequestSchema } from '@/lib/protocol/actuation';
import { whatIfRequestSchema } from '@/lib/protocol/what-if';
import { FUZZ_RUNS, inBatches, junkJson, junkObject, samples, withJunkField } from '@/lib/testing/fuzz';
import { keepAliveClient, type FuzzResponse } from '../../testing/fuzz-http';
import { generateCity } from '../city';
import { World } from '../world';
import { startActuationServer } from './server';

const city = generateCity({ seed: 11, size: 800 });
const world = new World(city, { seed: 11, start: Date.parse('2026-11-16T07:00:00Z') });
let server: Awaited<ReturnType<typeof startActuationServer>>;
let client: ReturnType<typeof keepAliveClient>;

beforeAll(async () => {
  server = await startActuationServer(world, 0);
  client = keepAliveClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
afterAll(() => {
  client.close();
  server.close();
});

const uuid = fc.uuid({ version: 4 });
type Input = { method: string; path: string; body?: string };
const json = (j: unknown) => JSON.stringify(j) ?? 'null';

function bodies(): fc.Arbitrary<Input> {
  const x = world.actuator.intersections()[0];
  const plan = { kind: 'signal-retiming', corridor: [], intersections: [x.timing], durationMin: 30 };
  const badActuation = fc.oneof(junkJson(), junkObject(['actionId', 'plan']), withJunkField({ actionId: '33333333-3333-4333-8333-333333333333', plan }), uuid.chain((actionId) => withJunkField(plan).map((p) => ({ actionId, plan: p }))));
  const badWhatIf = fc.oneof(junkJson(), junkObject(['plan', 'horizonMin']), withJunkField({ plan, horizonMin: 30 }));
  const idPart = fc.oneof(uuid, fc.string({ maxLength: 40 }).filter((s) => s.length > 0).map(encodeURIComponent), fc.constantFrom('%', '%zz', '%E0%A4%A', '%C0'));
  return fc.oneof(
    badActuation.filter((b) => !actuationRequestSchema.safeParse(b).success).map((b) => ({ method: 'POST', path: '/v1/actuations', body: json(b) })),
    badWhatIf.filter((b) => !whatIfRequestSchema.safeParse(b).success).map((b) => ({ method: 'POST', path: '/v1/what-if', body: json(b) })),
    fc.tuple(fc.constantFrom('/v1/actuations', '/v1/what-if'), fc.string({ maxLength: 30 })).filter(([, s]) => { try { JSON.parse(s); return false; } catch { return true; } }).map(([path, body]) => ({ method: 'POST', path, body })),
    // Ids nobody actuated (or no ids at all): read or roll back.
    fc.tuple(idPart, fc.boolean()).map(([id, rollback]) => (rollback ? { method: 'POST', path: `/v1/actuations/${id}/rollback` } : { method: 'GET', path: `/v1/actuations/${id}` })),
    fc.tuple(fc.constantFrom('PUT', 'DELETE', 'PATCH'), fc.constantFrom('/v1/actuations', '/v1/what-if', '/v1/signals/intersections')).map(([method, path]) => ({ method, path })),
  );
}

describe('the twin actuation API under generated bad requests', () => {
  it('refuses 10,000 bad requests with a 4xx that says why, and actuates nothing', async () => {
    const timings = JSON.stringify(world.actuator.intersections());
    const inputs = samples(bodies());
    expect(inputs.length).toBeGreaterThanOrEqual(FUZZ_RUNS);
    const statuses: Record<number, number> = {};
    await inBatches(inputs, 100, async (input) => {
      const res: FuzzResponse = await client.send(input.method, input.path, input.body, input.body === undefined ? {} : { 'content-type': 'application/json' });
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status < 400 || res.status >= 500) throw new Error(`expected a 4xx for ${JSON.stringify(input).slice(0, 300)}, got ${res.status}: ${res.body.slice(0, 200)}`);
      const body = JSON.parse(res.body) as { error: string; issues?: Array<{ path: string; message: string }> };
      expect(body.error.length).toBeGreaterThan(0);
      // A refused body names its fields.
      if (res.status === 400) expect(body.issues?.length).toBeGreaterThan(0);
    });
    console.log('[fuzz] actuation statuses', statuses);
    expect(JSON.stringify(world.actuator.intersections())).toBe(timings);
    for (const { path } of inputs) {
      const id = /^\/v1\/actuations\/([0-9a-f-]{36})/.exec(path)?.[1];
      if (id) expect(world.actuator.status(id)).toBeNull();
    }
  }, 60_000);

  it('answers a body over 64 KiB with 413', async () => {
    const res = await client.send('POST', '/v1/actuations', JSON.stringify({ pad: 'x'.repeat(70 * 1024) }), { 'content-type': 'application/json' });
    expect(res.status).toBe(413);
  });
});
