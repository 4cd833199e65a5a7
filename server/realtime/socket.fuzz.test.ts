import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultThresholds } from '@/lib/domain/alert-rules';
import { clientEventSchemas } from '@/lib/protocol/socket';
import { FUZZ_RUNS, inBatches, junkJson, samples } from '@/lib/testing/fuzz';
import { openPglite } from '../store/pglite';
import type { Sql } from '../store/sql';
import { tableDigest } from '../testing/fuzz-http';
import { ActionStore } from './actions/action-store';
import { httpField, httpOptimiser } from './actions/clients';
import { startActions } from './actions/service';
import { AlertStore } from './alerts/alert-store';
import { startAlerts } from './alerts/service';
import { silentLog } from './log';
import { connectClient, connected, memoryAuthStore, sessionFor, startGateway, startSeededModels, type Client } from './test-stack';

type Event = keyof typeof clientEventSchemas;
const events = Object.keys(clientEventSchemas) as Event[];
// socket.io-client refuses to emit these itself; they are not a server's input.
const RESERVED = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);

const stops: Array<() => Promise<void> | void> = [];
let sql: Sql;
let url: string;
let token: string;
let auth: Awaited<ReturnType<typeof memoryAuthStore>>;
let modelsUrl: string;

beforeAll(async () => {
  const models = await startSeededModels();
  stops.push(() => models.stop());
  modelsUrl = models.url;
  auth = await memoryAuthStore();
  stops.push(() => auth.close());
  // The fuzz itself is a flood: a bucket it cannot empty, so every input reaches its handler.
  const gw = await startGateway(models.url, auth, { actionRateLimit: { perSecond: 1e6, burst: 1e6 } });
  stops.push(() => gw.stop());
  url = gw.url;
  sql = await openPglite();
  stops.push(() => sql.close());
  // Nothing here should reach the optimiser or the field: a bad request stops at its schema.
  const nowhere = 'http://127.0.0.1:9';
  const actions = startActions({ gateway: gw.gateway, store: await ActionStore.open(sql), optimiser: httpOptimiser(nowhere), field: httpField(nowhere), highImpact: [], monitorMs: 60_000, harmMargin: 0.1, harmReadings: 2, modelsUrl: models.url, log: silentLog });
  stops.push(() => actions.close());
  const alerts = startAlerts({ gateway: gw.gateway, store: await AlertStore.open(sql), modelsUrl: models.url, thresholds: defaultThresholds, intervalMs: 60_000, resolveAfterMs: 60_000, log: silentLog });
  stops.push(() => alerts.close());
  token = await sessionFor(auth, 'manager');
}, 60_000);

afterAll(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

const open = async (namespace: '/ops' | '/public', session?: string): Promise<Client> => {
  const c = connectClient(url, namespace, session);
  stops.push(() => void c.disconnect());
  await connected(c);
  return c;
};

// Loose emit: the fuzz sends what a hostile client would, not what the typed protocol allows.
type RawEmit = (event: string, ...args: unknown[]) => Promise<unknown>;
const raw = (c: Client) => c.timeout(10_000).emitWithAck.bind(c) as unknown as RawEmit;

/** A payload its event's schema refuses, or a made-up event. `ack` false: sent without one. */
const badEvent = fc.record({
  event: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...events) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }).filter((e) => !RESERVED.has(e)) }),
  payload: fc.oneof(junkJson(), fc.constant(undefined)),
  extra: fc.array(junkJson(), { maxLength: 2 }),
  ack: fc.boolean(),
}).filter(({ event, payload }) => {
  const schema = Object.hasOwn(clientEventSchemas, event) ? clientEventSchemas[event as Event] : null;
  // list requests default an absent body; the handlers do the same.
  return !schema || !schema.safeParse(event.endsWith(':list') ? (payload ?? {}) : payload).success;
});

const errorCodes = new Set(['bad-request', 'forbidden']);

describe('the gateway under generated bad socket events', () => {
  it('answers 10,000 bad events on /ops and /public with an error ack, keeps the sockets and changes nothing', async () => {
    const ops = await open('/ops', token);
    const pub = await open('/public');
    const before = await tableDigest(sql);
    const inputs = samples(fc.tuple(fc.boolean(), badEvent));
    expect(inputs.length).toBeGreaterThanOrEqual(FUZZ_RUNS);
    const codes: Record<string, number> = {};
    await inBatches(inputs, 200, async ([onOps, { event, payload, extra, ack }]) => {
      const c = onOps ? ops : pub;
      if (!ack) {
        (c.emit as unknown as (e: string, ...a: unknown[]) => void)(event, payload, ...extra);
        return;
      }
      const answer = (await raw(c)(event, payload, ...extra).catch((err: unknown) => { throw new Error(`no answer on ${onOps ? '/ops' : '/public'} to ${event} ${JSON.stringify([payload, ...extra])}: ${String(err)}`); })) as { ok: boolean; error?: { code: string; message: string } };
      expect(answer.ok, `${event} ${JSON.stringify(payload)}`).toBe(false);
      expect(errorCodes.has(answer.error?.code ?? '')).toBe(true);
      expect(answer.error?.message.length).toBeGreaterThan(0);
      codes[answer.error!.code] = (codes[answer.error!.code] ?? 0) + 1;
    });
    console.log('[fuzz] socket error acks', codes);
    // Still connected and still served.
    expect(ops.connected && pub.connected).toBe(true);
    expect(await raw(ops)('snapshot', { layer: 'traffic' })).toMatchObject({ ok: true });
    expect(await raw(pub)('snapshot', { layer: 'transit' })).toMatchObject({ ok: true });
    expect(await tableDigest(sql)).toEqual(before);
  }, 60_000);

  it('drops a socket that sends a message over maxHttpBufferSize, and serves the others', async () => {
    const big = await open('/public');
    const other = await open('/public');
    const gone = new Promise<string>((resolve) => big.once('disconnect', resolve));
    (big.emit as unknown as (e: string, payload: unknown) => void)('snapshot', { layer: 'x'.repeat(100 * 1024) });
    expect(await gone).toBe('transport close');
    expect(await raw(other)('snapshot', { layer: 'transit' })).toMatchObject({ ok: true });
  });
});

describe('the per-socket rate limit of state-changing events', () => {
  it('refuses events past the burst with rate-limited, and still answers reads and other sockets', async () => {
    const gw = await startGateway(modelsUrl, auth, { actionRateLimit: { perSecond: 0.01, burst: 5 } });
    stops.push(() => gw.stop());
    const alerts = startAlerts({ gateway: gw.gateway, store: await AlertStore.open(sql), modelsUrl, thresholds: defaultThresholds, intervalMs: 60_000, resolveAfterMs: 60_000, log: silentLog });
    stops.push(() => alerts.close());
    const c = connectClient(gw.url, '/ops', token);
    const other = connectClient(gw.url, '/ops', token);
    stops.push(() => void c.disconnect(), () => void other.disconnect());
    await Promise.all([connected(c), connected(other)]);
    const answers = (await Promise.all(Array.from({ length: 8 }, () => raw(c)('alerts:acknowledge', { id: 'not-a-uuid' })))) as Array<{ error: { code: string } }>;
    expect(answers.map((a) => a.error.code === 'rate-limited')).toEqual([false, false, false, false, false, true, true, true]);
    expect(await raw(c)('actions:execute', {})).toMatchObject({ ok: false, error: { code: 'rate-limited' } });
    expect(await raw(c)('snapshot', { layer: 'traffic' })).toMatchObject({ ok: true });
    expect(await raw(other)('alerts:acknowledge', { id: 'not-a-uuid' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
