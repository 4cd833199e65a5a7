import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionAckSchema, type Action, type ActionAck } from '@/lib/protocol/actions';
import type { Entity } from '@/lib/protocol/ngsi';
import { startTestModels } from '../../models/test-server';
import { openPglite } from '../../store/pglite';
import type { Sql } from '../../store/sql';
import { TwinActuationClient } from '../../twin/actuation/client';
import { startActuationServer } from '../../twin/actuation/server';
import { generateCity } from '../../twin/city';
import { ModelsClient } from '../../twin/client';
import { roadSegmentEntities } from '../../twin/ngsi';
import { World } from '../../twin/world';
import { silentLog } from '../log';
import { connectClient, connected, memoryAuthStore, sessionFor, startGateway, until, type Client } from '../test-stack';
import { ActionStore } from './action-store';
import { httpField, httpOptimiser } from './clients';
import { startActions, type ActionService } from './service';

/**
 * The whole path for real: a twin (World with its actuation server), model services fed by it
 * (their optimisers ask the twin's what-if), a gateway polling them and the action workflow
 * between the control room's sockets and the twin.
 */
const MONDAY_0730 = Date.parse('2026-11-23T07:30:00Z');
const city = generateCity({ seed: 11, size: 600 });
const world = new World(city, { seed: 11, start: MONDAY_0730 });

let twin: Server;
let models: Awaited<ReturnType<typeof startTestModels>>;
let modelsClient: ModelsClient;
let firstObservations: Entity[];
let auth: Awaited<ReturnType<typeof memoryAuthStore>>;
let gw: Awaited<ReturnType<typeof startGateway>>;
let sql: Sql;
let store: ActionStore;
let service: ActionService;
const clients: Client[] = [];

beforeAll(async () => {
  // Twenty twin-minutes of the morning peak, so the roads carry traffic.
  for (let k = 0; k < 120; k++) world.step();
  twin = await startActuationServer(world, 0);
  const twinUrl = `http://127.0.0.1:${(twin.address() as AddressInfo).port}`;
  models = await startTestModels({ field: new TwinActuationClient(twinUrl) });
  modelsClient = new ModelsClient(models.url);
  await modelsClient.upsert([...roadSegmentEntities(city), ...world.registration()]);
  firstObservations = world.observations();
  await modelsClient.upsert(firstObservations);
  auth = await memoryAuthStore();
  gw = await startGateway(models.url, auth);
  sql = await openPglite();
  store = await ActionStore.open(sql);
  service = startActions({
    gateway: gw.gateway,
    store,
    optimiser: httpOptimiser(models.url),
    field: httpField(twinUrl),
    highImpact: ['demand-response', 'traffic-restriction'],
    monitorMs: 60_000,
    harmMargin: 0.1,
    // Measured here, not judged: the twin's day decides how the corridor goes.
    harmReadings: 0,
    modelsUrl: models.url,
    log: silentLog,
  });
}, 180_000);

afterAll(async () => {
  for (const c of clients) c.disconnect();
  service?.close();
  await gw?.stop();
  await sql?.close();
  await auth?.close();
  await models?.stop();
  twin?.closeAllConnections();
  await new Promise((resolve) => twin?.close(resolve));
});

const client = async (role: 'operator' | 'manager') => {
  const c = connectClient(gw.url, '/ops', await sessionFor(auth, role));
  clients.push(c);
  await connected(c);
  return c;
};
const ask = async (c: Client, event: 'actions:propose' | 'actions:execute' | 'actions:rollback', req: unknown): Promise<ActionAck> =>
  actionAckSchema.parse(await (c.timeout(90_000).emitWithAck as (e: string, r: unknown) => Promise<unknown>)(event, req));
const ok = (r: ActionAck): Action => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.action;
};

const busiestSignalApproach = () => {
  let best = { id: '', flow: -1 };
  for (const i of world.actuator.intersections())
    for (const a of i.approaches) {
      const k = city.segments.findIndex((s) => s.id === a.segmentId);
      if (world.traffic.flowVph[k] > best.flow) best = { id: a.segmentId, flow: world.traffic.flowVph[k] };
    }
  return best.id;
};

describe('actions against the real twin and model services', () => {
  let action: Action;

  it('proposes a signal retiming from the models’ optimiser and puts it into force in the twin, once', async () => {
    const op = await client('operator');
    action = ok(await ask(op, 'actions:propose', { kind: 'signal-retiming', idempotencyKey: randomUUID(), corridor: [busiestSignalApproach()] }));
    expect(action).toMatchObject({ status: 'proposed', impactLevel: 'low', kind: 'signal-retiming' });
    const key = randomUUID();
    const active = ok(await ask(op, 'actions:execute', { id: action.id, idempotencyKey: key }));
    expect(active.status).toBe('active');
    expect(Date.parse(active.activeFrom ?? '')).toBe(world.time);
    const timed = world.actuator.intersections().filter((i) => i.actionId === action.id);
    expect(timed.length).toBe(action.plan.kind === 'signal-retiming' ? action.plan.intersections.length : -1);
    expect(ok(await ask(op, 'actions:execute', { id: action.id, idempotencyKey: key })).status).toBe('active');
  }, 180_000);

  it('measures the corridor’s delay from the live layer as the twin runs on', async () => {
    for (let k = 0; k < 12; k++) world.step();
    await modelsClient.upsert(world.observations());
    const asOf = new Date(world.time).toISOString();
    await until('a reading two minutes in', () => service.tick().then(async () => ((await store.get(action.id))?.action.observed ?? []).some((p) => p.at === asOf)), 30_000);
    const point = (await store.get(action.id))?.action.observed.find((p) => p.at === asOf);
    expect(point?.minute).toBe(2);
    expect(point?.observed).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it('rolls the retiming back in the twin', async () => {
    const op = await client('operator');
    expect(ok(await ask(op, 'actions:rollback', { id: action.id, reason: 'drill' })).status).toBe('rolled-back');
    expect(world.actuator.intersections().some((i) => i.actionId === action.id)).toBe(false);
  }, 60_000);

  it('lets a manager trigger a demand-response plan at once, as its approver, and the twin carries it out', async () => {
    const boss = await client('manager');
    const feeder = world.grid?.model.network.feeders[0];
    const feederId = feeder?.id ?? '';
    // The feeder's meter reads 110 % of its capacity a minute on: there is something to plan for.
    const reading = firstObservations.find((e) => e.type === 'ThreePhaseAcMeasurement' && e.id.endsWith(`:${feederId}`));
    await modelsClient.upsert([{ ...reading, dateObserved: new Date(world.time + 60_000).toISOString(), totalActivePower: (feeder?.capacityKw ?? 0) * 1100, activePower: undefined } as Entity]);
    const proposed = ok(await ask(boss, 'actions:propose', { kind: 'demand-response', idempotencyKey: randomUUID(), feederId }));
    expect(proposed.impactLevel).toBe('high');
    const active = ok(await ask(boss, 'actions:execute', { id: proposed.id, idempotencyKey: randomUUID() }));
    expect(active).toMatchObject({ status: 'active', decidedBy: proposed.proposedBy, executedBy: proposed.proposedBy });
    const field = new TwinActuationClient(`http://127.0.0.1:${(twin.address() as AddressInfo).port}`);
    expect((await field.status(proposed.id))?.state).toBe('active');
  }, 180_000);
});
