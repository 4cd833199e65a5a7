import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { actionAckSchema, actionSchema, actionsListAckSchema, type Action, type ActionAck } from '@/lib/protocol/actions';
import type { Proposal } from '@/lib/protocol/actuation';
import type { Role } from '@/lib/protocol/auth';
import { listAudit } from '../../audit/audit-log';
import { flowEntity } from '../../models/test-server';
import { openPglite } from '../../store/pglite';
import type { Sql } from '../../store/sql';
import { AlertStore } from '../alerts/alert-store';
import { silentLog } from '../log';
import { connectClient, connected, memoryAuthStore, sessionFor, startGateway, startSeededModels, until, upsert, type Client } from '../test-stack';
import { ActionStore } from './action-store';
import { httpField, httpOptimiser } from './clients';
import { startActions, type ActionService, type ActionServiceOptions } from './service';
import { startTestField, startTestOptimiser } from './test-field';

const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

const T0 = '2026-11-23T08:00:00.000Z';

/** The optimiser's answer: a grid plan (high impact by default) or a corridor retiming (low). */
function proposalFor(path: string, baselineS = 60): Proposal {
  const impactBase = { lowerIsBetter: true, horizonMin: 30, assumptions: ['test'], from: T0 };
  if (path.endsWith('/grid'))
    return {
      title: 'Shed flexible load on Feeder 1',
      titleText: { code: 'action.demandResponse', params: { feeder: 'Feeder 1', limitKw: 950, peakKw: 1200 } },
      target: { kind: 'feeder', id: 'f1', name: 'Feeder 1', location: [8.8, 51.1], segments: [] },
      plan: { kind: 'demand-response', feederId: 'f1', start: T0, steps: [{ shedKw: 200, shiftEvKw: 50, batteryKw: 100 }], durationMin: 60 },
      impact: { ...impactBase, metric: 'Peak load on Feeder 1', unit: 'kW', headline: { label: 'Peak reduced', value: 250, unit: 'kW' }, baseline: 1200, withPlan: 950, series: [] },
      method: 'test',
      methodText: { code: 'method.grid', params: {} },
      modelVersion: 'test-1',
    };
  return {
    title: 'Green wave on Mill Street',
    titleText: { code: 'action.greenWave', params: { street: 'Mill Street', signals: 1, cycle: 60 } },
    target: { kind: 'corridor', id: 's00001', name: 'Mill Street', location: [8.8, 51.1], segments: ['s00001', 's00002'] },
    plan: {
      kind: 'signal-retiming',
      corridor: ['s00001', 's00002'],
      intersections: [{ intersectionId: 'j1', cycleS: 60, offsetS: 0, phases: [{ approaches: ['s00001'], greenS: 30 }, { approaches: ['s00002'], greenS: 22 }] }],
      durationMin: 30,
    },
    impact: {
      ...impactBase,
      metric: 'Delay on the corridor',
      unit: 's',
      headline: { label: 'Delay saved', value: 10, unit: 's' },
      baseline: baselineS,
      withPlan: baselineS - 10,
      series: [{ minute: 0, baseline: baselineS, withPlan: baselineS - 10 }],
    },
    method: 'Webster',
    methodText: { code: 'method.signals', params: {} },
    modelVersion: 'test-1',
  };
}

interface SetupOptions {
  baselineS?: number;
  service?: Partial<ActionServiceOptions>;
  sql?: Sql;
}

async function setup(o: SetupOptions = {}) {
  const models = await startSeededModels();
  stops.push(() => models.stop());
  const auth = await memoryAuthStore();
  stops.push(() => auth.close());
  const gw = await startGateway(models.url, auth);
  stops.push(() => gw.stop());
  const optimiser = await startTestOptimiser((path) => proposalFor(path, o.baselineS));
  stops.push(() => optimiser.stop());
  const field = await startTestField(() => T0);
  stops.push(() => field.stop());
  const sql = o.sql ?? (await openPglite());
  if (!o.sql) stops.push(() => sql.close());
  const store = await ActionStore.open(sql);
  const start = (extra: Partial<ActionServiceOptions> = {}): ActionService => {
    const s = startActions({
      gateway: gw.gateway,
      store,
      optimiser: httpOptimiser(optimiser.url),
      field: httpField(field.url),
      highImpact: ['demand-response', 'traffic-restriction'],
      // Rounds are run by hand (tick) so each test decides when monitoring happens.
      monitorMs: 60_000,
      harmMargin: 0.1,
      harmReadings: 2,
      modelsUrl: models.url,
      log: silentLog,
      ...o.service,
      ...extra,
    });
    stops.push(() => s.close());
    return s;
  };
  const service = start();
  const client = async (role: Role | 'public') => {
    const c = role === 'public' ? connectClient(gw.url, '/public') : connectClient(gw.url, '/ops', await sessionFor(auth, role));
    stops.push(() => void c.disconnect());
    await connected(c);
    return c;
  };
  return { models, gw, optimiser, field, sql, store, service, start, client };
}

const ask = async (c: Client, event: 'actions:propose' | 'actions:approve' | 'actions:reject' | 'actions:execute' | 'actions:rollback', req: unknown): Promise<ActionAck> =>
  // The raw payload is sent as it comes, as an untrusted client would.
  actionAckSchema.parse(await (c.timeout(10_000).emitWithAck as (e: string, r: unknown) => Promise<unknown>)(event, req));
const ok = (r: ActionAck): Action => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.action;
};
const heard = (c: Client) => {
  const seen: Action[] = [];
  c.on('action', (raw: unknown) => seen.push(actionSchema.parse(raw)));
  return seen;
};
const proposeGrid = (c: Client, key = randomUUID()) => ask(c, 'actions:propose', { kind: 'demand-response', idempotencyKey: key, feederId: 'f1' });
const proposeCorridor = (c: Client, key = randomUUID()) => ask(c, 'actions:propose', { kind: 'signal-retiming', idempotencyKey: key, corridor: ['s00001', 's00002'] });
const countRows = async (sql: Sql, table: string) => Number((await sql.query<{ n: string | number }>(`select count(*) as n from ${table}`))[0].n);

// Each test starts its own model services, gateway, optimiser and field: slow on a busy machine.
describe('the action workflow in the gateway', { timeout: 90_000 }, () => {
  it('carries a proposal through approval, execution and rollback, heard on every screen and audited', async () => {
    const { client, field, sql } = await setup();
    const op = await client('operator');
    const boss = await client('manager');
    const screen = heard(await client('operator'));

    const proposed = ok(await proposeGrid(op));
    expect(proposed).toMatchObject({ status: 'proposed', impactLevel: 'high', kind: 'demand-response' });
    expect(ok(await ask(boss, 'actions:approve', { id: proposed.id }))).toMatchObject({ status: 'approved', decidedBy: expect.stringMatching(/^manager-/) });
    const active = ok(await ask(op, 'actions:execute', { id: proposed.id, idempotencyKey: randomUUID() }));
    expect(active).toMatchObject({ status: 'active', activeFrom: T0, activeUntil: '2026-11-23T09:00:00.000Z', executedBy: expect.stringMatching(/^operator-/) });
    expect(field.applied.has(proposed.id)).toBe(true);
    const rolled = ok(await ask(op, 'actions:rollback', { id: proposed.id, reason: 'load fell' }));
    expect(rolled).toMatchObject({ status: 'rolled-back', reason: 'load fell' });
    expect(field.rolledBack).toEqual([proposed.id]);

    await until('every change on the other screen', () => screen.some((a) => a.status === 'rolled-back'));
    expect(screen.map((a) => a.status)).toEqual(['proposed', 'approved', 'executing', 'active', 'rolled-back']);
    const audit = await listAudit(sql, { subject: proposed.id });
    expect(audit.map((e) => e.event).reverse()).toEqual(['action.proposed', 'action.approved', 'action.executing', 'action.active', 'action.rolled-back']);
  });

  it('refuses an operator’s approval and leaves the action as it was', async () => {
    const { client, store, sql } = await setup();
    const op = await client('operator');
    const proposed = ok(await proposeGrid(op));
    expect(await ask(op, 'actions:approve', { id: proposed.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await store.get(proposed.id))?.action.status).toBe('proposed');
    expect((await listAudit(sql, { subject: proposed.id }))[0]).toMatchObject({ event: 'action.refused', detail: { request: 'actions:approve', code: 'forbidden' } });
  });

  it('refuses an operator executing a high-impact proposal without approval', async () => {
    const { client, field } = await setup();
    const op = await client('operator');
    const proposed = ok(await proposeGrid(op));
    expect(await ask(op, 'actions:execute', { id: proposed.id, idempotencyKey: randomUUID() })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(field.received).toEqual([]);
  });

  it('lets an operator execute a low-impact proposal directly', async () => {
    const { client, field } = await setup();
    const op = await client('operator');
    const proposed = ok(await proposeCorridor(op));
    expect(proposed.impactLevel).toBe('low');
    expect(ok(await ask(op, 'actions:execute', { id: proposed.id, idempotencyKey: randomUUID() }))).toMatchObject({ status: 'active', decidedBy: null });
    expect(field.received).toEqual([proposed.id]);
  });

  it('records a manager’s immediate trigger of a high-impact proposal as its approval', async () => {
    const { client } = await setup();
    const boss = await client('manager');
    const proposed = ok(await proposeGrid(boss));
    const done = ok(await ask(boss, 'actions:execute', { id: proposed.id, idempotencyKey: randomUUID() }));
    expect(done).toMatchObject({ status: 'active', decidedBy: done.proposedBy, executedBy: done.proposedBy });
  });

  it('gives the public namespace no list and no proposals', async () => {
    const { client, optimiser } = await setup();
    const pub = await client('public');
    const list = actionsListAckSchema.parse(await pub.timeout(5000).emitWithAck('actions:list', { limit: 10 }));
    expect(list).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await proposeGrid(pub)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(optimiser.calls).toEqual([]);
  });

  it('changes nothing in the field when an action is rejected, and executes it never after', async () => {
    const { client, field } = await setup();
    const op = await client('operator');
    const boss = await client('manager');
    const proposed = ok(await proposeGrid(op));
    expect(ok(await ask(boss, 'actions:reject', { id: proposed.id, reason: 'not needed' }))).toMatchObject({ status: 'rejected', reason: 'not needed' });
    expect(await ask(boss, 'actions:execute', { id: proposed.id, idempotencyKey: randomUUID() })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(field.received).toEqual([]);
  });

  it('answers the same proposal key with the same action and asks the optimiser once', async () => {
    const { client, optimiser, sql } = await setup();
    const op = await client('operator');
    const key = randomUUID();
    const [a, b] = await Promise.all([proposeGrid(op, key), proposeGrid(op, key)]);
    const c = await proposeGrid(op, key);
    expect(new Set([ok(a).id, ok(b).id, ok(c).id]).size).toBe(1);
    expect(optimiser.calls).toHaveLength(1);
    expect(await countRows(sql, 'action')).toBe(1);
  });

  it('executes once when the same execute key arrives twice at once and again later', async () => {
    const { client, field } = await setup();
    const op = await client('operator');
    const other = await client('operator');
    const proposed = ok(await proposeCorridor(op));
    const key = randomUUID();
    const [a, b] = await Promise.all([ask(op, 'actions:execute', { id: proposed.id, idempotencyKey: key }), ask(other, 'actions:execute', { id: proposed.id, idempotencyKey: key })]);
    const again = await ask(op, 'actions:execute', { id: proposed.id, idempotencyKey: key });
    expect([ok(a).id, ok(b).id, ok(again).id]).toEqual([proposed.id, proposed.id, proposed.id]);
    expect(ok(again).status).toBe('active');
    expect(field.received).toEqual([proposed.id]);
  });

  it('refuses bad payloads naming the field, and stores nothing', async () => {
    const { client, sql, optimiser } = await setup();
    const op = await client('manager');
    const bad: Array<[Parameters<typeof ask>[1], unknown, string]> = [
      ['actions:propose', { kind: 'demand-response', idempotencyKey: 'nope', feederId: 'f1' }, 'idempotencyKey'],
      ['actions:propose', { kind: 'teleport', idempotencyKey: randomUUID() }, 'kind'],
      ['actions:propose', { kind: 'demand-response', idempotencyKey: randomUUID(), feederId: 'f1', extra: 1 }, ''],
      ['actions:approve', { id: 42 }, 'id'],
      ['actions:execute', { id: randomUUID() }, 'idempotencyKey'],
      ['actions:rollback', null, ''],
    ];
    for (const [event, req, path] of bad) {
      const res = await ask(op, event, req);
      expect(res).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      if (path && !res.ok) expect(res.error.issues?.map((i) => i.path)).toContain(path);
    }
    expect(optimiser.calls).toEqual([]);
    expect(await countRows(sql, 'action')).toBe(0);
    expect(await countRows(sql, 'audit_log')).toBe(0);
  });

  it('executes once across a gateway restart in mid-flight', async () => {
    const sql = await openPglite();
    stops.push(() => sql.close());
    const { client, field, service, start, store } = await setup({ sql });
    const op = await client('operator');
    const proposed = ok(await proposeCorridor(op));
    field.hold = true; // the field carries it out, but its answer never arrives
    const pending = ask(op, 'actions:execute', { id: proposed.id, idempotencyKey: randomUUID() }).catch(() => null);
    await until('the field to receive the actuation', () => field.received.length === 1);
    expect((await store.get(proposed.id))?.action.status).toBe('executing');
    service.close(); // the gateway dies: what it was waiting for is never written
    field.hold = false;

    const restarted = start();
    await restarted.tick();
    expect((await store.get(proposed.id))?.action.status).toBe('active');
    expect(field.received).toEqual([proposed.id, proposed.id]);
    expect(field.applied.size).toBe(1);
    await restarted.tick();
    expect(field.received).toHaveLength(2);
    void pending;
  });

  it('marks an action failed when the field refuses its plan', async () => {
    const { client, field } = await setup();
    const op = await client('operator');
    const proposed = ok(await proposeCorridor(op));
    field.refuseWith = 422;
    expect(ok(await ask(op, 'actions:execute', { id: proposed.id, idempotencyKey: randomUUID() }))).toMatchObject({ status: 'failed', reason: expect.stringContaining('refused') });
  });

  it('tracks the observed corridor delay of an active action from the live layer', async () => {
    const { client, service, models, store } = await setup({ baselineS: 60 });
    const op = await client('operator');
    const proposed = ok(await proposeCorridor(op));
    ok(await ask(op, 'actions:execute', { id: proposed.id, idempotencyKey: randomUUID() }));
    await upsert(models.url, [flowEntity('s00001', '2026-11-23T08:01:00.000Z', 50), flowEntity('s00002', '2026-11-23T08:01:00.000Z', 50)]);
    const pointAt = async (at: string) => (await store.get(proposed.id))?.action.observed.find((p) => p.at === at);
    await until('the reading of 08:01', () => service.tick().then(async () => (await pointAt('2026-11-23T08:01:00.000Z')) !== undefined), 15_000);
    // Both segments at free flow: no delay, one minute into the plan.
    expect(await pointAt('2026-11-23T08:01:00.000Z')).toEqual({ minute: 1, observed: 0, at: '2026-11-23T08:01:00.000Z' });
    expect((await store.get(proposed.id))?.action.status).toBe('active');
  });

  it('rolls an action back by itself when its observed effect is harmful', async () => {
    // Predicted 20 s of delay without the plan; the corridor shows 31.5 s (40 and 20 km/h): worse.
    const { client, service, models, store, field, sql } = await setup({ baselineS: 20 });
    const op = await client('operator');
    const screen = heard(await client('operator'));
    const proposed = ok(await proposeCorridor(op));
    ok(await ask(op, 'actions:execute', { id: proposed.id, idempotencyKey: randomUUID() }));
    const current = async () => (await store.get(proposed.id))?.action;
    await until('the first reading', () => service.tick().then(async () => ((await current())?.observed.length ?? 0) > 0), 15_000);
    // One harmful reading of the two it takes: still active.
    expect((await current())?.status).toBe('active');
    await upsert(models.url, [flowEntity('s00001', '2026-11-23T08:01:00.000Z', 40), flowEntity('s00002', '2026-11-23T08:01:00.000Z', 20)]);
    await until('the automatic rollback', () => service.tick().then(async () => (await current())?.status === 'rolled-back'), 15_000);
    const a = await current();
    expect(a).toMatchObject({ endedBy: 'system', reason: expect.stringContaining('harmful') });
    expect(a?.observed.map((p) => [p.minute, p.observed])).toEqual([
      [0, 31.5],
      [1, 31.5],
    ]);
    expect(field.rolledBack).toEqual([proposed.id]);
    await until('the rollback on screens', () => screen.some((x) => x.status === 'rolled-back'));
    expect((await listAudit(sql, { subject: proposed.id }))[0]).toMatchObject({ actor: 'system', event: 'action.rolled-back', detail: { automatic: true } });
  });

  it('completes an action when the field’s time passes its end', async () => {
    const { client, service, models, store } = await setup({ baselineS: 60 });
    const op = await client('operator');
    const proposed = ok(await proposeCorridor(op));
    ok(await ask(op, 'actions:execute', { id: proposed.id, idempotencyKey: randomUUID() }));
    await upsert(models.url, [flowEntity('s00001', '2026-11-23T08:31:00.000Z', 50)]);
    await until('completion', () => service.tick().then(async () => (await store.get(proposed.id))?.action.status === 'completed'));
  });

  it('suggests a demand-response action once for a forecast overload of a feeder', async () => {
    const alertSql = await openPglite();
    stops.push(() => alertSql.close());
    const alerts = await AlertStore.open(alertSql);
    const { service, optimiser, store } = await setup({ service: { alerts } });
    const alert = await alerts.raise(
      {
        key: 'forecast-overload:f1',
        rule: 'forecast-overload',
        severity: 'warning',
        title: 'Feeder 1 forecast over capacity',
        detail: '',
        titleText: { code: 'alert.forecastOverload.title', params: { asset: 'feeder', name: 'Feeder 1' } },
        detailText: { code: 'alert.forecastOverload.detail', params: { forecastMw: 1.1, capacityMw: 1, utilisation: 1.1, minutes: 30 } },
        place: { kind: 'feeder', id: 'f1', name: 'Feeder 1', location: [8.8, 51.1] },
        value: 1.1,
        observedAt: T0,
      },
      Date.now(),
    );
    await service.tick();
    await service.tick();
    const suggested = await store.byProposeKey(alert?.id ?? '');
    expect(suggested).toMatchObject({ proposedBy: 'system', alertId: alert?.id, kind: 'demand-response', status: 'proposed' });
    expect(optimiser.calls.map((c) => c.body)).toEqual([{ feederId: 'f1' }]);
  });
});
