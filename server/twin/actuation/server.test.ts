import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionPlan } from '@/lib/protocol/actuation';
import { generateCity } from '../city';
import { World } from '../world';
import { TwinActuationClient, TwinActuationError } from './client';
import { startActuationServer } from './server';

const city = generateCity({ seed: 11, size: 800 });
const world = new World(city, { seed: 11, start: Date.parse('2026-11-16T07:00:00Z') });
let server: Awaited<ReturnType<typeof startActuationServer>>;
let base = '';
let client: TwinActuationClient;
const ID = '33333333-3333-4333-8333-333333333333';
const logged: string[] = [];

beforeAll(async () => {
  server = await startActuationServer(world, 0, (line) => logged.push(line));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = new TwinActuationClient(base);
});
afterAll(() => server.close());

const post = (path: string, body: string) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
const planFor = (greens: [number, number]): ActionPlan => {
  const x = world.actuator.intersections()[0];
  return { kind: 'signal-retiming', corridor: [], intersections: [{ ...x.timing, phases: x.timing.phases.map((p, k) => ({ ...p, greenS: greens[k] })) }], durationMin: 30 };
};

describe('the twin actuation API', () => {
  it('lists the signalised intersections with their approaches and timing', async () => {
    const list = await client.intersections();
    expect(list.length).toBeGreaterThan(10);
    expect(list[0].id).toMatch(/^j\d+$/);
    expect(list[0].name).toContain('×');
    expect(list[0].timing.cycleS).toBe(90);
  });

  it('answers 201 for a new actuation and 200 with duplicate: true for its retry', async () => {
    const body = JSON.stringify({ actionId: ID, plan: planFor([50, 32]) });
    const first = await post('/v1/actuations', body);
    const again = await post('/v1/actuations', body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { duplicate: boolean }).duplicate).toBe(true);
    expect((await client.status(ID))?.state).toBe('active');
  });

  it('rolls an actuation back over HTTP', async () => {
    const status = await client.rollback(ID);
    expect(status.state).toBe('rolled-back');
    expect(world.actuator.intersections()[0].actionId).toBeNull();
  });

  it('refuses a body that is not an actuation with 400 naming the field, and changes nothing', async () => {
    const before = JSON.stringify(world.actuator.intersections());
    const bad = await post('/v1/actuations', JSON.stringify({ actionId: 'not-a-uuid', plan: planFor([50, 32]) }));
    const notJson = await post('/v1/actuations', '{');
    const timing = { ...world.actuator.intersections()[0].timing, intersectionId: 'j999999' };
    const plan = { kind: 'signal-retiming', corridor: [], intersections: [timing], durationMin: 30 };
    const unknown = await post('/v1/actuations', JSON.stringify({ actionId: '44444444-4444-4444-8444-444444444444', plan }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: Array<{ path: string }> }).issues[0].path).toBe('actionId');
    expect(notJson.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { issues: Array<{ path: string }> }).issues[0].path).toBe('plan.intersections[0].intersectionId');
    expect(JSON.stringify(world.actuator.intersections())).toBe(before);
    expect(await client.status('44444444-4444-4444-8444-444444444444')).toBeNull();
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await post('/v1/what-if', JSON.stringify({ pad: 'x'.repeat(70_000) }));
    expect(res.status).toBe(413);
  });

  it('runs a what-if and answers the impact', async () => {
    const impact = await client.whatIf(planFor([60, 22]), 5);
    expect(impact.unit).toBe('s/veh');
    expect(impact.series).toHaveLength(5);
  });

  it('logs an action sent three times as applied once and repeated twice, and its rollback', async () => {
    const id = '55555555-5555-4555-8555-555555555555';
    const x = world.actuator.intersections()[1];
    const plan: ActionPlan = { kind: 'signal-retiming', corridor: [], intersections: [x.timing], durationMin: 30 };
    for (let k = 0; k < 3; k++) await client.actuate({ actionId: id, plan });
    await client.rollback(id);
    const about = logged.filter((l) => l.startsWith(`actuation ${id} `));
    expect(about.filter((l) => l.includes(' applied: signal-retiming until '))).toHaveLength(1);
    expect(about.filter((l) => l.includes(' repeated: already active'))).toHaveLength(2);
    expect(about.at(-1)).toBe(`actuation ${id} rollback: now rolled-back`);
  });

  it('throws the refusal with its issues from the client', async () => {
    const err = await client.whatIf(planFor([90, 90]), 5).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TwinActuationError);
    expect((err as TwinActuationError).issues[0].path).toBe('plan.intersections[0].phases');
  });
});
