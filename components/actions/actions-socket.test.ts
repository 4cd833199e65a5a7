import { QueryClient } from '@tanstack/react-query';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Proposal } from '@/lib/protocol/actuation';
import type { Role } from '@/lib/protocol/auth';
import { httpField, httpOptimiser } from '@/server/realtime/actions/clients';
import { ActionStore } from '@/server/realtime/actions/action-store';
import { startActions } from '@/server/realtime/actions/service';
import { startTestField, startTestOptimiser } from '@/server/realtime/actions/test-field';
import { silentLog } from '@/server/realtime/log';
import { connectClient, connected, memoryAuthStore, sessionFor, startGateway, startSeededModels, until } from '@/server/realtime/test-stack';
import { openPglite } from '@/server/store/pglite';
import { actionsKey, type ActionBook } from './action-cache';
import type { SocketProblem } from '../live/socket-problem';
import { connectActions } from './actions-socket';

/**
 * The browser's actions client against the real gateway and workflow service (PGlite store), with
 * loopback servers speaking the optimiser's and the field's contracts.
 */
const stops: Array<() => Promise<void> | void> = [];
/** Each test's screens, closed after it; the stack is shared (each test proposes its own action). */
const screens: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const s of screens.splice(0).reverse()) await s();
});
afterAll(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

const T0 = '2026-11-23T08:00:00.000Z';
const proposal: Proposal = {
  title: 'Green wave on Mill Street',
  titleText: { code: 'action.greenWave', params: { street: 'Mill Street', signals: 1, cycle: 60 } },
  target: { kind: 'corridor', id: 's00001', name: 'Mill Street', location: [8.8, 51.1], segments: ['s00001', 's00002'] },
  plan: {
    kind: 'signal-retiming',
    corridor: ['s00001', 's00002'],
    intersections: [
      {
        intersectionId: 'j1',
        cycleS: 60,
        offsetS: 0,
        phases: [
          { approaches: ['s00001'], greenS: 30 },
          { approaches: ['s00002'], greenS: 22 },
        ],
      },
    ],
    durationMin: 30,
  },
  impact: {
    metric: 'Delay on the corridor',
    unit: 's',
    lowerIsBetter: true,
    headline: { label: 'Delay saved', value: 10, unit: 's' },
    baseline: 60,
    withPlan: 50,
    series: [{ minute: 0, baseline: 60, withPlan: 50 }],
    horizonMin: 30,
    assumptions: ['test'],
    from: T0,
  },
  method: 'Webster',
  methodText: { code: 'method.signals', params: {} },
  modelVersion: 'test-1',
};

async function setup() {
  const models = await startSeededModels();
  stops.push(() => models.stop());
  const auth = await memoryAuthStore();
  stops.push(() => auth.close());
  const gw = await startGateway(models.url, auth);
  stops.push(() => gw.stop());
  const optimiser = await startTestOptimiser(() => proposal);
  stops.push(() => optimiser.stop());
  const field = await startTestField(() => T0);
  stops.push(() => field.stop());
  const sql = await openPglite();
  stops.push(() => sql.close());
  const service = startActions({
    gateway: gw.gateway,
    store: await ActionStore.open(sql),
    optimiser: httpOptimiser(optimiser.url),
    field: httpField(field.url),
    highImpact: ['demand-response', 'traffic-restriction'],
    monitorMs: 60_000,
    harmMargin: 0.1,
    harmReadings: 2,
    modelsUrl: models.url,
    log: silentLog,
  });
  stops.push(() => service.close());
  /** A browser's cache and its actions client on a connected /ops socket. */
  const screen = async (role: Role) => {
    const socket = connectClient(gw.url, '/ops', await sessionFor(auth, role));
    screens.push(() => void socket.disconnect());
    await connected(socket);
    const cache = new QueryClient();
    const problems: Array<SocketProblem | null> = [];
    const conn = connectActions(cache, socket, (p) => problems.push(p));
    screens.push(() => conn.close());
    const book = () => cache.getQueryData<ActionBook>(actionsKey) ?? {};
    return { socket, cache, conn, book, problems };
  };
  return { field, optimiser, screen };
}

const key = () => crypto.randomUUID();
let stack: Awaited<ReturnType<typeof setup>>;
beforeAll(async () => {
  stack = await setup();
});

describe('connectActions', () => {
  it('puts a proposal from the ack into the proposer’s cache', async () => {
    const { screen } = stack;
    const op = await screen('operator');
    const res = await op.conn.propose({ kind: 'signal-retiming', idempotencyKey: key(), corridor: ['s00001'] });
    if (!res.ok) throw new Error(res.error.message);
    expect(op.book()[res.action.id]?.status).toBe('proposed');
  });

  it('hears another screen’s proposal and approval live', async () => {
    const { screen } = stack;
    const op = await screen('operator');
    const mgr = await screen('manager');
    const res = await op.conn.propose({ kind: 'signal-retiming', idempotencyKey: key(), corridor: ['s00001'] });
    if (!res.ok) throw new Error(res.error.message);
    await until('the manager hears of the proposal', () => mgr.book()[res.action.id]?.status === 'proposed');
    await mgr.conn.approve(res.action.id);
    await until('the operator hears of the approval', () => op.book()[res.action.id]?.status === 'approved');
  });

  it('lists the actions that exist when it connects', async () => {
    const { screen } = stack;
    const op = await screen('operator');
    const res = await op.conn.propose({ kind: 'signal-retiming', idempotencyKey: key(), corridor: ['s00001'] });
    if (!res.ok) throw new Error(res.error.message);
    const late = await screen('manager');
    await until('the late screen has the list', () => late.book()[res.action.id] !== undefined);
  });

  it('executes once when the same intent is sent twice', async () => {
    const { screen, field } = stack;
    const op = await screen('operator');
    const res = await op.conn.propose({ kind: 'signal-retiming', idempotencyKey: key(), corridor: ['s00001'] });
    if (!res.ok) throw new Error(res.error.message);
    const k = key();
    const [a, b] = await Promise.all([op.conn.execute(res.action.id, k), op.conn.execute(res.action.id, k)]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    await until('the action is active in the cache', () => op.book()[res.action.id]?.status === 'active');
    expect(field.received.filter((id) => id === res.action.id)).toHaveLength(1);
  });

  it('answers a refusal as an error ack and changes nothing in the cache', async () => {
    const { screen } = stack;
    const op = await screen('operator');
    const res = await op.conn.propose({ kind: 'signal-retiming', idempotencyKey: key(), corridor: ['s00001'] });
    if (!res.ok) throw new Error(res.error.message);
    const refused = await op.conn.approve(res.action.id);
    expect(refused.ok ? 'approved' : refused.error.code).toBe('forbidden');
    expect(op.book()[res.action.id]?.status).toBe('proposed');
  });

  it('stops listening on close but leaves the shared socket’s other listeners and connection alone', async () => {
    const { screen } = stack;
    const op = await screen('operator');
    const other = () => undefined;
    op.socket.on('action', other);
    op.conn.close();
    expect([op.socket.listeners('action'), op.socket.connected]).toEqual([[other], true]);
  });
});
