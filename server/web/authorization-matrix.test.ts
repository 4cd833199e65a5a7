import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultThresholds } from '@/lib/domain/alert-rules';
import type { Proposal } from '@/lib/protocol/actuation';
import { layersOf, may, roleSchema, type Audience, type Permission, type Role } from '@/lib/protocol/auth';
import { clientEventSchemas, layerNames, type LayerName } from '@/lib/protocol/socket';
import { auditRoutes } from '../audit/http';
import { AuthStore } from '../auth/auth-store';
import { authRoutes } from '../auth/http';
import { SignInThrottle } from '../auth/throttle';
import { ActionStore } from '../realtime/actions/action-store';
import { httpField, httpOptimiser } from '../realtime/actions/clients';
import { startActions } from '../realtime/actions/service';
import { startTestField, startTestOptimiser, type TestField } from '../realtime/actions/test-field';
import { AlertStore } from '../realtime/alerts/alert-store';
import { startAlerts } from '../realtime/alerts/service';
import { silentLog } from '../realtime/log';
import { connectClient, connected, sessionFor, startGateway, startSeededModels, type Client } from '../realtime/test-stack';
import { openPglite } from '../store/pglite';
import type { Sql } from '../store/sql';

/**
 * Who may send what, from lib/protocol/auth.ts. Keyed by every client event of the protocol, so a
 * new event does not type-check (and fails the first test) until its rule is written here; the
 * forbidden combinations below are generated from these rules and permissionsOf / layersOf.
 */
type Rule = { kind: 'layer' } | { kind: 'staff' } | { kind: 'permission'; permission: Permission } | { kind: 'anyone' };
const ruleOf: { [E in keyof typeof clientEventSchemas]: Rule } = {
  subscribe: { kind: 'layer' },
  snapshot: { kind: 'layer' },
  // Leaving a room grants nothing.
  unsubscribe: { kind: 'anyone' },
  'alerts:list': { kind: 'staff' },
  'alerts:acknowledge': { kind: 'permission', permission: 'alerts:acknowledge' },
  'actions:list': { kind: 'staff' },
  'actions:propose': { kind: 'permission', permission: 'actions:propose' },
  'actions:approve': { kind: 'permission', permission: 'actions:approve' },
  'actions:reject': { kind: 'permission', permission: 'actions:approve' },
  'actions:execute': { kind: 'permission', permission: 'actions:trigger' },
  'actions:rollback': { kind: 'permission', permission: 'actions:trigger' },
};
type EventName = keyof typeof ruleOf;
const audiences: Audience[] = [...roleSchema.options, 'public'];

interface Case {
  audience: Audience;
  event: EventName;
  layer?: LayerName;
}
function forbiddenCases(): Case[] {
  const cases: Case[] = [];
  for (const event of Object.keys(ruleOf) as EventName[]) {
    const rule = ruleOf[event];
    for (const audience of audiences) {
      if (rule.kind === 'layer') for (const layer of layerNames) if (!layersOf[audience].includes(layer)) cases.push({ audience, event, layer });
      if (rule.kind === 'staff' && audience === 'public') cases.push({ audience, event });
      if (rule.kind === 'permission' && (audience === 'public' || !may(audience, rule.permission))) cases.push({ audience, event });
    }
  }
  return cases;
}

const T0 = '2026-11-23T08:00:00.000Z';
const gridProposal: Proposal = {
  title: 'Shed flexible load on Feeder 1',
  titleText: { code: 'action.demandResponse', params: { feeder: 'Feeder 1', limitKw: 950, peakKw: 1200 } },
  target: { kind: 'feeder', id: 'f1', name: 'Feeder 1', location: [8.8, 51.1], segments: [] },
  plan: { kind: 'demand-response', feederId: 'f1', start: T0, steps: [{ shedKw: 200, shiftEvKw: 50, batteryKw: 100 }], durationMin: 60 },
  impact: { lowerIsBetter: true, horizonMin: 30, assumptions: ['test'], from: T0, metric: 'Peak load', unit: 'kW', headline: { label: 'Peak reduced', value: 250, unit: 'kW' }, baseline: 1200, withPlan: 950, series: [] },
  method: 'test',
  methodText: { code: 'method.grid', params: {} },
  modelVersion: 'test-1',
};

const stops: Array<() => Promise<void> | void> = [];
let sql: Sql;
let field: TestField;
let clients: Record<Audience, Client>;
let publicNs: () => Map<string, Set<string>>;
let actionId: string;
let actionsBefore: string;

/** A valid payload for each event, aimed at the one existing action, so only the role decides. */
const payloadOf = (event: EventName, layer: LayerName = 'traffic'): unknown => {
  if (event === 'subscribe' || event === 'snapshot' || event === 'unsubscribe') return { layer };
  if (event === 'alerts:list' || event === 'actions:list') return { limit: 10 };
  if (event === 'alerts:acknowledge') return { id: randomUUID() };
  if (event === 'actions:propose') return { kind: 'demand-response', idempotencyKey: randomUUID(), feederId: 'f1' };
  if (event === 'actions:execute') return { id: actionId, idempotencyKey: randomUUID() };
  return { id: actionId };
};
const actionRows = async () => JSON.stringify(await sql.query('select id, status, updated_at from action order by id'));

beforeAll(async () => {
  const models = await startSeededModels();
  stops.push(() => models.stop());
  const auth = await AuthStore.open(await openPglite(), { sessionTtlMs: 3600_000 });
  stops.push(() => auth.close());
  const gw = await startGateway(models.url, auth);
  stops.push(() => gw.stop());
  const optimiser = await startTestOptimiser(() => gridProposal);
  stops.push(() => optimiser.stop());
  field = await startTestField(() => T0);
  stops.push(() => field.stop());
  sql = await openPglite();
  stops.push(() => sql.close());
  const actions = startActions({
    gateway: gw.gateway,
    store: await ActionStore.open(sql),
    optimiser: httpOptimiser(optimiser.url),
    field: httpField(field.url),
    highImpact: ['demand-response'],
    monitorMs: 60_000,
    harmMargin: 0.1,
    harmReadings: 2,
    modelsUrl: models.url,
    log: silentLog,
  });
  stops.push(() => actions.close());
  const alerts = startAlerts({ gateway: gw.gateway, store: await AlertStore.open(sql), modelsUrl: models.url, thresholds: defaultThresholds, intervalMs: 60_000, resolveAfterMs: 60_000, log: silentLog });
  stops.push(() => alerts.close());
  const open = async (a: Audience) => {
    const c = a === 'public' ? connectClient(gw.url, '/public') : connectClient(gw.url, '/ops', await sessionFor(auth, a));
    stops.push(() => void c.disconnect());
    await connected(c);
    return c;
  };
  clients = { operator: await open('operator'), manager: await open('manager'), admin: await open('admin'), public: await open('public') };
  publicNs = () => gw.gateway.io.of('/public').adapter.rooms;
  const proposed = (await clients.manager.timeout(10_000).emitWithAck('actions:propose', { kind: 'demand-response', idempotencyKey: randomUUID(), feederId: 'f1' })) as { ok: boolean; action?: { id: string } };
  if (!proposed.ok || !proposed.action) throw new Error('the manager could not propose the fixture action');
  actionId = proposed.action.id;
  actionsBefore = await actionRows();
}, 120_000);

afterAll(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

describe('the authorization matrix of the socket events', { timeout: 60_000 }, () => {
  it('has a rule for every client event of the protocol', () => {
    expect(Object.keys(ruleOf).sort()).toEqual(Object.keys(clientEventSchemas).sort());
  });

  it('covers public joining ops layers, an operator approving and an admin acting on actions', () => {
    const names = forbiddenCases().map((c) => `${c.audience} ${c.event}${c.layer ? ` ${c.layer}` : ''}`);
    expect(names).toEqual(expect.arrayContaining(['public subscribe traffic', 'operator actions:approve', 'admin actions:execute', 'admin actions:propose', 'public actions:list']));
  });

  it.each(forbiddenCases().map((c) => [`${c.audience} may not ${c.event}${c.layer ? ` ${c.layer}` : ''}`, c] as const))('refuses: %s', async (_name, c) => {
    // The raw payload goes out untyped, as an untrusted client would send it.
    const timed = clients[c.audience].timeout(10_000);
    const ack = (await (timed.emitWithAck as (e: string, p: unknown) => Promise<unknown>).call(timed, c.event, payloadOf(c.event, c.layer))) as { ok: boolean; error?: { code: string } };
    expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('left the action, the field and the public rooms as they were', async () => {
    expect(await actionRows()).toBe(actionsBefore);
    expect(field.received).toEqual([]);
    const rooms = [...publicNs().keys()].filter((r) => r.startsWith('sub:'));
    expect(rooms.every((r) => layersOf.public.some((l) => r.startsWith(`sub:${l}:`)))).toBe(true);
  });

  it('refuses the ops namespace to a client with no session', async () => {
    const url = (clients.public.io as unknown as { uri: string }).uri;
    const c = connectClient(url, '/ops');
    stops.push(() => void c.disconnect());
    await expect(connected(c)).rejects.toThrow();
  });
});

/** The web process's state-changing HTTP routes (sign-in's user admin and the audit log), as main.ts mounts them. */
describe('the authorization matrix of the HTTP routes', { timeout: 60_000 }, () => {
  let url: string;
  let auth: AuthStore;
  const cookies = {} as Record<Role, string>;
  const userRows = async () => Number((await auth.db.query<{ n: number }>('select count(*)::int as n from auth_user'))[0].n);

  beforeAll(async () => {
    auth = await AuthStore.open(await openPglite(), { sessionTtlMs: 3600_000 });
    const throttle = new SignInThrottle(auth.db, { accountMaxFailures: 5, ipMaxFailures: 100, windowMs: 60_000, lockoutMs: 60_000 });
    const routes = authRoutes({ store: auth, throttle, cookieSecure: false, log: silentLog });
    await ActionStore.open(auth.db as Sql);
    const audit = auditRoutes({ db: auth.db, userOf: routes.userOf });
    const server: Server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      void (async () => {
        if (await routes.handle(req, res, path)) return;
        if (await audit.handle(req, res, path)) return;
        res.writeHead(404).end();
      })();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    stops.push(() => new Promise<void>((r) => server.close(() => r())));
    stops.push(() => auth.close());
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const role of roleSchema.options) cookies[role] = `polis_session=${await sessionFor(auth, role)}`;
  });

  const mayManageUsers = (a: Audience) => a !== 'public' && may(a, 'users:manage');
  const send = (a: Audience, method: string, path: string, body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      headers: { ...(a === 'public' ? {} : { cookie: cookies[a] }), 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  for (const a of audiences.filter((x) => !mayManageUsers(x))) {
    it(`refuses ${a} creating or changing a user, and no user changes`, async () => {
      const before = await userRows();
      const someone = (await auth.db.query<{ id: string }>("select id from auth_user where role = 'operator' limit 1"))[0].id;
      const created = await send(a, 'POST', '/api/auth/users', { email: `x-${randomUUID()}@example.org`, password: 'a long enough password', role: 'admin' });
      const changed = await send(a, 'PATCH', `/api/auth/users/${someone}`, { role: 'admin' });
      expect([created.status, changed.status]).toEqual(a === 'public' ? [401, 401] : [403, 403]);
      expect(await userRows()).toBe(before);
      expect((await auth.db.query<{ role: string }>('select role from auth_user where id = $1', [someone]))[0].role).toBe('operator');
    });
  }

  for (const a of audiences)
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'])
      it(`refuses ${a} a ${method} on the audit log`, async () => {
        expect((await send(a, method, '/api/audit', {})).status).toBe(405);
      });
});
