import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { actionAckSchema, actionSchema, actionsListAckSchema, type Action, type ActionAck } from '@/lib/protocol/actions';
import { snapshotAckSchema } from '@/lib/protocol/socket';
import { listAudit } from '../audit/audit-log';
import { openAuthStore, openWebSql } from '../auth/open';
import { connectClient, sessionFor, until, type Client } from '../realtime/test-stack';
import { freePort } from '../testing/services';
import { TwinActuationClient } from '../twin/actuation/client';
import { startNodeProcess, type NodeProcess } from './node-process';

/**
 * The gateway killed (SIGKILL: no shutdown code runs) while an action executes, and started again
 * on the same port over the same store. Everything is a real process, as `npm start` runs them:
 * the model services, the twin (the field, with its actuation API) and the gateway with the
 * action workflow (server/faults/gateway-process.ts: the web process's realtime half), over the
 * embedded PGlite store. A manager's raw Socket.IO client drives it and resyncs on every reconnect.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'polis-gateway-kill-'));
const env: NodeJS.ProcessEnv = { ...process.env };
let actuationUrl = '';
let gatewayUrl = '';
let token = '';
const services: NodeProcess[] = [];
const cleanups: Array<() => Promise<void> | void> = [];
let twin: NodeProcess;

/** What gateway-process.ts logs once it accepts connections. */
const GATEWAY_READY = 'gateway listening';

beforeAll(async () => {
  const [modelsPort, twinPort, actuationPort, gatewayPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  actuationUrl = `http://127.0.0.1:${actuationPort}`;
  gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  for (const k of ['DATABASE_URL', 'REDIS_URL', 'MQTT_URL', 'TWIN_ACTUATION_URL', 'TWIN_CONTROL_PORT', 'MODELS_URL']) delete env[k];
  Object.assign(env, {
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    PORT: String(gatewayPort),
    MODELS_PORT: String(modelsPort),
    MODELS_URL: `http://127.0.0.1:${modelsPort}`,
    TWIN_PORT: String(twinPort),
    TWIN_ACTUATION_PORT: String(actuationPort),
    TWIN_SEED: '7',
    TWIN_SIZE: '400',
    TWIN_SPEED: '1',
    TWIN_BACKFILL_DAYS: '0',
    MODELS_AUTO_TRAIN: 'off',
    REALTIME_POLL_MS: '500',
    STALE_AFTER_MS: '5000',
    // No monitoring round within a test: what a restarted gateway resumes, it resumes in its start-up round.
    // No automatic rollbacks or suggestions either.
    ACTIONS_MONITOR_MS: '60000',
    ACTIONS_HARM_READINGS: '0',
    ACTIONS_SUGGEST: 'off',
    LOG_FORMAT: 'text',
  });
  const models = startNodeProcess('models', 'server/models/main.ts', env);
  services.push(models);
  await models.waitForLine('listening on', 60_000);
  twin = startNodeProcess('twin', 'server/twin/main.ts', env);
  services.push(twin);
  await twin.waitForLine('actuation API on', 120_000);
  await twin.waitForLine('live,', 120_000);
  // The manager signs in before any gateway runs: PGlite allows one process per folder.
  const auth = await openAuthStore({ DATA_DIR: dataDir, SESSION_TTL_H: 1 });
  token = await sessionFor(auth, 'manager');
  await auth.close();
}, 240_000);

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

afterAll(async () => {
  for (const s of services.reverse()) await s.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function startGatewayProcess(): Promise<NodeProcess> {
  const gw = startNodeProcess('gateway', 'server/faults/gateway-process.ts', env);
  cleanups.push(() => gw.stop());
  await gw.waitForLine(GATEWAY_READY, 60_000);
  return gw;
}

type Ask = (event: string, req: unknown) => Promise<unknown>;
const ask = async (c: Client, event: 'actions:propose' | 'actions:execute', req: unknown, timeoutMs = 60_000): Promise<ActionAck> =>
  actionAckSchema.parse(await (c.timeout(timeoutMs).emitWithAck as Ask)(event, req));

/**
 * A control-room screen: reconnects by itself, and on every (re)connect resyncs as the browser
 * does: the action list again, and the traffic layer's snapshot.
 */
function openScreen() {
  const c = connectClient(gatewayUrl, '/ops', token, { reconnection: true, reconnectionDelay: 100, reconnectionDelayMax: 300 });
  const screen = { c, connects: 0, lists: [] as Action[][], snapshots: 0, heard: [] as Action[] };
  cleanups.push(() => void c.disconnect());
  c.on('action', (raw: unknown) => screen.heard.push(actionSchema.parse(raw)));
  c.on('connect', () => {
    screen.connects++;
    void (async () => {
      const list = actionsListAckSchema.parse(await (c.timeout(10_000).emitWithAck as Ask)('actions:list', { limit: 100 }));
      if (list.ok) screen.lists.push(list.actions);
      if (snapshotAckSchema.parse(await c.timeout(10_000).emitWithAck('subscribe', { layer: 'traffic' })).ok) screen.snapshots++;
    })().catch(() => undefined);
  });
  return screen;
}
type Screen = ReturnType<typeof openScreen>;

const statusIn = (screen: Screen, id: string) => screen.lists.at(-1)?.find((a) => a.id === id)?.status;
/** The action as the store has it now, asked over the socket. */
async function current(screen: Screen, id: string): Promise<Action | undefined> {
  const list = actionsListAckSchema.parse(await (screen.c.timeout(10_000).emitWithAck as Ask)('actions:list', { limit: 100 }));
  return list.ok ? list.actions.find((a) => a.id === id) : undefined;
}

const used = new Set<string>();
/**
 * A signal retiming the models' optimiser proposes, on a corridor from a signalised junction no
 * earlier case used (some have nothing worth changing: those are skipped).
 */
async function proposeRetiming(screen: Screen): Promise<Action> {
  const intersections = await new TwinActuationClient(actuationUrl).intersections();
  const refusals: string[] = [];
  for (const i of intersections) {
    if (used.has(i.id)) continue;
    used.add(i.id);
    const res = await ask(screen.c, 'actions:propose', { kind: 'signal-retiming', idempotencyKey: randomUUID(), corridor: [i.approaches[0].segmentId] });
    if (res.ok) {
      if (res.action.plan.kind === 'signal-retiming') for (const t of res.action.plan.intersections) used.add(t.intersectionId);
      return res.action;
    }
    refusals.push(res.error.message);
    if (refusals.length >= 12) break;
  }
  throw new Error(`no retiming proposed:\n${refusals.join('\n')}`);
}

/** Lines of the twin's log about this action: each application, and each repeat it answered as one. */
const fieldLines = (id: string) => ({
  applied: twin.lines.filter((l) => l.includes(`actuation ${id} applied`)).length,
  repeated: twin.lines.filter((l) => l.includes(`actuation ${id} repeated`)).length,
});

/** The audit trail of one action, read from the store once the gateway has stopped (one process per PGlite folder). */
async function auditOf(id: string) {
  const sql = await openWebSql({ DATA_DIR: dataDir });
  try {
    return (await listAudit(sql, { subject: id })).reverse();
  } finally {
    await sql.close();
  }
}

/**
 * After the restart: the screen is back and resynced (the action in its list, as `resynced`
 * allows), the action is active, applied once in the field and audited once.
 */
async function expectRecovered(screen: Screen, gw: NodeProcess, action: Action, connectsBefore: number, restartedAt: number, label: string, resynced = /^(executing|active)$/) {
  await until('the screen reconnected and resynced', () => screen.connects > connectsBefore && screen.lists.length > connectsBefore && screen.snapshots > connectsBefore, 30_000);
  // The resync brought the action back: it was not lost with the gateway.
  expect(statusIn(screen, action.id), 'status in the list after the reconnect').toMatch(resynced);
  await until('the action is active', async () => (await current(screen, action.id))?.status === 'active', 30_000);
  const seenActiveAfterMs = Date.now() - restartedAt;
  const active = await current(screen, action.id);
  const field = await new TwinActuationClient(actuationUrl).status(action.id);
  expect(field?.state).toBe('active');
  expect(active?.activeFrom).toBe(field?.appliedAt);
  // Carried out once in the field, however often it was sent.
  const lines = fieldLines(action.id);
  expect(lines.applied).toBe(1);

  await gw.stop();
  const trail = await auditOf(action.id);
  const events = trail.map((e) => e.event);
  expect(events.filter((e) => e === 'action.executing')).toHaveLength(1);
  const activations = trail.filter((e) => e.event === 'action.active');
  expect(activations).toHaveLength(1);
  expect(activations[0].detail).toMatchObject({ from: 'executing', to: 'active' });
  console.log(
    `[gateway-kill] ${label}: seen active on the screen ${seenActiveAfterMs} ms after the restart; field: applied ${lines.applied}, repeats answered ${lines.repeated}; audit: ${events.join(' → ')}`,
  );
  return { lines, trail };
}

describe('the gateway killed while an action executes', () => {
  it(
    'is started again, its screen reconnects and resyncs, and the action killed right after it turned executing is active, carried out once',
    { timeout: 180_000 },
    async () => {
      let gw = await startGatewayProcess();
      const screen = openScreen();
      await until('the screen is in sync', () => screen.lists.length === 1 && screen.snapshots === 1, 30_000);
      const action = await proposeRetiming(screen);
      expect(action).toMatchObject({ status: 'proposed', impactLevel: 'low' });

      // The moment the screen hears it executing (persisted; the field is being told), the gateway dies.
      const killed = new Promise<number>((resolve) =>
        screen.c.on('action', (raw: unknown) => {
          const a = actionSchema.parse(raw);
          if (a.id !== action.id || a.status !== 'executing') return;
          gw.child.kill('SIGKILL');
          resolve(Date.now());
        }),
      );
      void ask(screen.c, 'actions:execute', { id: action.id, idempotencyKey: randomUUID() }).catch(() => null);
      const killedAt = await killed;
      await until('the gateway is gone', () => gw.exited() !== null, 10_000);
      expect(gw.exited()).toContain('SIGKILL');
      const connectsBefore = screen.connects;

      gw = await startGatewayProcess();
      const restartedAt = Date.now();
      const { trail } = await expectRecovered(screen, gw, action, connectsBefore, restartedAt, 'killed on the executing broadcast');
      // Where the kill landed: before or after the field's answer was recorded.
      const activeAt = Date.parse(trail.find((e) => e.event === 'action.active')?.at ?? '');
      console.log(`[gateway-kill] the activation was recorded ${activeAt < killedAt ? 'before' : 'after'} the kill`);
    },
  );

  it(
    'completes an execution whose request the killed gateway never answered, once, when the screen sends it again with its key',
    { timeout: 180_000 },
    async () => {
      let gw = await startGatewayProcess();
      const screen = openScreen();
      await until('the screen is in sync', () => screen.lists.length === 1 && screen.snapshots === 1, 30_000);
      const action = await proposeRetiming(screen);
      const key = randomUUID();
      // Killed as soon as the request is on its way: it may have been recorded as executing, or not at all.
      const unanswered = ask(screen.c, 'actions:execute', { id: action.id, idempotencyKey: key }).catch((err: unknown) => err);
      gw.child.kill('SIGKILL');
      await until('the gateway is gone', () => gw.exited() !== null, 10_000);
      const connectsBefore = screen.connects;
      expect(await unanswered).toBeInstanceOf(Error);

      gw = await startGatewayProcess();
      const restartedAt = Date.now();
      await until('the screen reconnected and resynced', () => screen.lists.length > connectsBefore, 30_000);
      const found = statusIn(screen, action.id);
      expect(found, 'the action after the resync').toMatch(/^(proposed|executing|active)$/);
      // An unanswered request is sent again with the same key: executed once, whatever the kill interrupted.
      const retried = await ask(screen.c, 'actions:execute', { id: action.id, idempotencyKey: key });
      expect(retried.ok && retried.action.status).toMatch(/^(executing|active)$/);
      await expectRecovered(screen, gw, action, connectsBefore, restartedAt, `killed with the request on its way (after the restart it was ${found})`, /^(proposed|executing|active)$/);
    },
  );

  it(
    'completes an execution the field carried out but whose answer died with the gateway, without carrying it out again',
    { timeout: 180_000 },
    async () => {
      let gw = await startGatewayProcess();
      const screen = openScreen();
      await until('the screen is in sync', () => screen.lists.length === 1 && screen.snapshots === 1, 30_000);
      const action = await proposeRetiming(screen);
      // The field hangs (a wedged controller): the gateway's request waits in the field's socket for an answer.
      twin.freeze();
      cleanups.push(() => twin.thaw());
      const executing = new Promise<void>((resolve) =>
        screen.c.on('action', (raw: unknown) => {
          const a = actionSchema.parse(raw);
          if (a.id === action.id && a.status === 'executing') resolve();
        }),
      );
      void ask(screen.c, 'actions:execute', { id: action.id, idempotencyKey: randomUUID() }).catch(() => null);
      await executing;
      // Time for the request to be written (the gateway sends it right after the broadcast), then the kill.
      await new Promise((r) => setTimeout(r, 1000));
      expect(fieldLines(action.id).applied).toBe(0);
      gw.child.kill('SIGKILL');
      await until('the gateway is gone', () => gw.exited() !== null, 10_000);
      const connectsBefore = screen.connects;
      // The field comes back and carries out what it was sent; its answer goes to a closed socket.
      twin.thaw();
      await until('the field applied it', () => fieldLines(action.id).applied === 1, 10_000);

      gw = await startGatewayProcess();
      const restartedAt = Date.now();
      const { lines } = await expectRecovered(screen, gw, action, connectsBefore, restartedAt, 'field applied, answer lost');
      // The restarted gateway sent it again; the field answered that as a repeat.
      expect(lines.repeated).toBeGreaterThanOrEqual(1);
    },
  );
});
