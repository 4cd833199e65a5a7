import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { errorBodySchema, trafficStateSchema } from '@/lib/protocol/models-api';
import { createModelsServer } from '../models/app';
import { flowEntity, roadSegmentEntity, upsertEntities } from '../models/test-server';
import { openPostgres } from '../store/postgres';
import { Store } from '../store/store';
import mqtt from 'mqtt';
import { mqttTopicOf } from '@/lib/protocol/mqtt';
import { freshTopicRoot } from '../models/test-mqtt';
import { until } from '../realtime/test-stack';
import { privateMosquitto, privatePostgres, skipUnless } from '../testing/services';

const skip = skipUnless('postgres', 'store-down.test');
const skipMqtt = skip || skipUnless('mosquitto', 'store-down.test');

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 8, 0, s)).toISOString();

describe('the model services when their Postgres store stops', () => {
  it.skipIf(skip)(
    'refuse observations with a 503 naming the store, keep serving the last state, and take them again once it returns',
    { timeout: 60_000 },
    async () => {
      const pg = await privatePostgres();
      cleanups.push(pg.destroy);
      const sql = await openPostgres(pg.url);
      const store = await Store.open(sql);
      const lines: string[] = [];
      const models = await createModelsServer({ store, log: (l) => lines.push(l), rollupIntervalMs: 200 });
      await new Promise<void>((r) => models.server.listen(0, '127.0.0.1', r));
      cleanups.push(async () => {
        await models.close();
        await store.close();
      });
      const url = `http://127.0.0.1:${(models.server.address() as AddressInfo).port}`;
      const traffic = async () => trafficStateSchema.parse(await (await fetch(`${url}/v1/state/traffic`)).json());
      expect((await upsertEntities(url, [roadSegmentEntity('s00001'), flowEntity('s00001', at(10), 40)])).status).toBe(204);

      await pg.stop();
      const started = Date.now();
      const refused = await upsertEntities(url, [flowEntity('s00001', at(20), 30)]);
      expect(Date.now() - started).toBeLessThan(6000);
      expect(refused.status).toBe(503);
      const error = errorBodySchema.parse(await refused.json()).error;
      expect(error.code).toBe('store-unavailable');
      expect(error.message).toMatch(/store/i);
      // The refused batch changed nothing: the last good state is still served, as it was.
      expect((await traffic()).items.s00001.speedKmh).toBe(40);
      // The rollup timer keeps failing meanwhile; the process must stay up (this test would die with it).
      await new Promise((r) => setTimeout(r, 500));

      await pg.start();
      // The sender retries the refused batch: it is taken once the store is back.
      const retried = await upsertEntities(url, [flowEntity('s00001', at(20), 30)]);
      expect(retried.status).toBe(204);
      expect((await traffic()).items.s00001.speedKmh).toBe(30);
      const rows = await sql.query<{ observed_at: Date }>('select observed_at from traffic_obs order by observed_at');
      expect(rows.map((r) => new Date(r.observed_at).toISOString())).toEqual([at(10), at(20)]);
    },
  );

  it.skipIf(skipMqtt)(
    'hold MQTT batches unacknowledged while the store is down and store every one of them once it returns',
    { timeout: 60_000 },
    async () => {
      const pg = await privatePostgres();
      cleanups.push(pg.destroy);
      const broker = await privateMosquitto();
      cleanups.push(broker.stop);
      const root = freshTopicRoot();
      const sql = await openPostgres(pg.url);
      const store = await Store.open(sql);
      const models = await createModelsServer({ store, log: () => undefined, mqttUrl: broker.url, mqttTopicRoot: root });
      await new Promise<void>((r) => models.server.listen(0, '127.0.0.1', r));
      cleanups.push(async () => {
        await models.close();
        await store.close();
      });
      await models.mqtt?.ready;
      const url = `http://127.0.0.1:${(models.server.address() as AddressInfo).port}`;
      expect((await upsertEntities(url, [roadSegmentEntity('s00001')])).status).toBe(204);
      const publisher = await mqtt.connectAsync(broker.url);
      cleanups.push(() => publisher.endAsync(true));
      const publish = (s: number) => publisher.publishAsync(mqttTopicOf('TrafficFlowObserved', root), JSON.stringify([flowEntity('s00001', at(s), s)]), { qos: 1 });
      await publish(10);
      await until('the first batch is stored', () => models.mqtt?.status().accepted === 1, 5000);

      await pg.stop();
      for (const s of [20, 30, 40]) await publish(s);
      await new Promise((r) => setTimeout(r, 1500));
      // Nothing acknowledged-and-dropped: no batch was counted as rejected while the store was away.
      expect(models.mqtt?.status()).toMatchObject({ accepted: 1, rejected: 0 });
      expect(models.mqtt?.status().lastError).toMatch(/store unavailable/);

      await pg.start();
      await until('all held batches are stored', () => models.mqtt?.status().accepted === 4, 15_000);
      const rows = await sql.query<{ observed_at: Date }>('select observed_at from traffic_obs order by observed_at');
      expect(rows.map((r) => new Date(r.observed_at).toISOString())).toEqual([at(10), at(20), at(30), at(40)]);
      expect(models.mqtt?.status().rejected).toBe(0);
    },
  );
});
