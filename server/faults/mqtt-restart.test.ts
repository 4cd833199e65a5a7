import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createModelsServer } from '../models/app';
import { flowEntity, roadSegmentEntity, upsertEntities } from '../models/test-server';
import { openPglite } from '../store/pglite';
import { Store } from '../store/store';
import { freshTopicRoot } from '../models/test-mqtt';
import { MqttPublisher } from '../twin/mqtt-publisher';
import { privateMosquitto, skipUnless } from '../testing/services';
import { until } from '../realtime/test-stack';

const skip = skipUnless('mosquitto', 'mqtt-restart.test');

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

const at = (tick: number) => new Date(Date.UTC(2026, 10, 23, 8, 0, 0) + tick * 10_000).toISOString();

describe('MQTT ingest across a broker restart', () => {
  it.skipIf(skip)(
    'stores every observation the broker acknowledged, once, with a gap only where publishing failed during the outage',
    { timeout: 60_000 },
    async () => {
      const broker = await privateMosquitto();
      cleanups.push(broker.stop);
      const root = freshTopicRoot();
      const sql = await openPglite();
      const store = await Store.open(sql);
      const models = await createModelsServer({ store, log: () => undefined, mqttUrl: broker.url, mqttTopicRoot: root });
      await new Promise<void>((r) => models.server.listen(0, '127.0.0.1', r));
      cleanups.push(async () => {
        await models.close();
        await store.close();
      });
      await models.mqtt?.ready;
      const url = `http://127.0.0.1:${(models.server.address() as AddressInfo).port}`;
      await upsertEntities(url, [roadSegmentEntity('s00001')]);
      // The twin's own publisher: while the broker is away a publish fails at once and the tick is dropped.
      const publisher = await MqttPublisher.connect(broker.url, { topicRoot: root });
      cleanups.push(() => publisher.close());

      const acked: number[] = [];
      const failed: number[] = [];
      let tick = 0;
      const publishing = (async () => {
        const sent: Promise<unknown>[] = [];
        while (tick < 80) {
          const t = tick++;
          // Not awaited: a publish in flight when the broker goes is held and sent again on
          // reconnect (QoS 1), and must not hold back the ticks after it, as the twin's do not.
          sent.push(
            publisher.publish([flowEntity('s00001', at(t), 20 + (t % 30))]).then(
              () => acked.push(t),
              () => failed.push(t),
            ),
          );
          await new Promise((r) => setTimeout(r, 100));
        }
        await Promise.all(sent);
        acked.sort((a, b) => a - b);
        failed.sort((a, b) => a - b);
      })();
      await until('20 ticks published', () => acked.length >= 20, 10_000);
      await broker.stop();
      await until('publishing fails', () => failed.length > 3, 10_000);
      await broker.start();
      await publishing;
      const stored = async () =>
        (await sql.query<{ observed_at: Date }>("select observed_at from traffic_obs where segment_id = 's00001' order by observed_at")).map((r) =>
          new Date(r.observed_at).toISOString(),
        );
      await until('the last acknowledged tick is stored', async () => (await stored()).includes(at(acked[acked.length - 1])), 10_000);
      const rows = await stored();
      const counts = models.mqtt?.status();
      console.log(`[mqtt-restart] acked ${acked.length}, failed ${failed.length} (ticks ${failed[0]}–${failed[failed.length - 1]}), stored ${rows.length}, mqtt ${JSON.stringify(counts)}`);
      // Once each (no duplicates), and every acknowledged one (no gap beyond the ticks that failed).
      expect(new Set(rows).size).toBe(rows.length);
      expect(rows).toEqual(acked.map(at));
      expect(counts).toMatchObject({ connected: true, received: acked.length, accepted: acked.length, rejected: 0 });
      // The failed ticks are one run: the outage, nothing scattered after it.
      expect(failed).toEqual(Array.from({ length: failed.length }, (_, i) => failed[0] + i));
      expect(acked.some((t) => t > failed[failed.length - 1])).toBe(true);
    },
  );
});
