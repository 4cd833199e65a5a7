import { afterEach, describe, expect, it } from 'vitest';
import { defaultThresholds } from '@/lib/domain/alert-rules';
import { alertAckAckSchema, alertSchema, alertsListAckSchema, type Alert } from '@/lib/protocol/alerts';
import { flowEntity } from '../../models/test-server';
import { openPglite } from '../../store/pglite';
import { silentLog } from '../log';
import { connectClient, connected, memoryAuthStore, sessionFor, startGateway, startSeededModels, until, upsert, type Client } from '../test-stack';
import { AlertStore } from './alert-store';
import { startAlerts } from './service';

const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

async function setup() {
  const models = await startSeededModels();
  stops.push(() => models.stop());
  const auth = await memoryAuthStore();
  stops.push(() => auth.close());
  const gw = await startGateway(models.url, auth);
  stops.push(() => gw.stop());
  const sql = await openPglite();
  stops.push(() => sql.close());
  const service = startAlerts({ gateway: gw.gateway, store: await AlertStore.open(sql), modelsUrl: models.url, thresholds: defaultThresholds, intervalMs: 100, resolveAfterMs: 60_000, log: silentLog });
  stops.push(() => service.close());
  const client = async (role: 'operator' | 'admin') => {
    const c = connectClient(gw.url, '/ops', await sessionFor(auth, role));
    stops.push(() => void c.disconnect());
    await connected(c);
    return c;
  };
  // s00002 crawls at 1 km/h: a speed collapse (after the screens opened, to hear it raised).
  const collapse = () => upsert(models.url, [flowEntity('s00002', '2026-11-23T08:00:10.000Z', 1)]);
  return { client, collapse, url: gw.url };
}

const heard = (c: Client) => {
  const alerts: Alert[] = [];
  c.on('alert', (raw: unknown) => alerts.push(alertSchema.parse(raw)));
  return alerts;
};

describe('alerts in the gateway', () => {
  it('raises a speed collapse live on every operator screen', async () => {
    const { client, collapse } = await setup();
    const a = heard(await client('operator'));
    const b = heard(await client('operator'));
    await collapse();
    await until('the alert on both screens', () => a.some((x) => x.key === 'speed-collapse:s00002') && b.some((x) => x.key === 'speed-collapse:s00002'), 10_000);
    expect(a.find((x) => x.key === 'speed-collapse:s00002')?.status).toBe('new');
  });

  it('shows an acknowledgement on every screen, with who made it', async () => {
    const { client, collapse } = await setup();
    const ca = await client('operator');
    const b = heard(await client('operator'));
    await collapse();
    await until('the alert', () => b.length > 0, 10_000);
    const res = alertAckAckSchema.parse(await ca.timeout(5000).emitWithAck('alerts:acknowledge', { id: b[0].id }));
    expect(res.ok).toBe(true);
    await until('the acknowledgement on the other screen', () => b.some((x) => x.status === 'acknowledged'));
    expect(b.find((x) => x.status === 'acknowledged')?.acknowledgedBy).toMatch(/^operator-/);
  });

  it('refuses an acknowledgement from a role without the permission', async () => {
    const { client, collapse } = await setup();
    const admin = await client('admin');
    const seen = heard(admin);
    await collapse();
    await until('the alert', () => seen.length > 0, 10_000);
    const res = alertAckAckSchema.parse(await admin.timeout(5000).emitWithAck('alerts:acknowledge', { id: seen[0].id }));
    expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a malformed acknowledgement, naming the field', async () => {
    const { client } = await setup();
    const op = await client('operator');
    const res = alertAckAckSchema.parse(await op.timeout(5000).emitWithAck('alerts:acknowledge', { id: 'not-a-uuid' }));
    expect(res).toMatchObject({ ok: false, error: { code: 'bad-request', issues: [{ path: 'id' }] } });
  });

  it('lists the open alerts to a screen that opens later', async () => {
    const { client, collapse } = await setup();
    const first = heard(await client('operator'));
    await collapse();
    await until('the alert', () => first.length > 0, 10_000);
    const late = await client('operator');
    const res = alertsListAckSchema.parse(await late.timeout(5000).emitWithAck('alerts:list', { limit: 50 }));
    expect(res.ok && res.alerts.map((x) => x.key)).toContain('speed-collapse:s00002');
  });

  it('gives the public no alerts', async () => {
    const { url } = await setup();
    const pub = connectClient(url, '/public');
    stops.push(() => void pub.disconnect());
    await connected(pub);
    const res = alertsListAckSchema.parse(await pub.timeout(5000).emitWithAck('alerts:list', { limit: 10 }));
    expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
