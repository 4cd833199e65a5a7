import { afterEach, describe, expect, it } from 'vitest';
import { layerStateSchemaOf } from '@/lib/protocol/layers';
import { trafficStateSchema } from '@/lib/protocol/models-api';
import { eventually, freshTopicRoot, mqttReachable, startMqttModels, TEST_MQTT_URL } from '../models/test-mqtt';
import { postJson } from '../models/test-server';
import { generateCity } from './city';
import { runUntil } from './history';
import { byType, MqttPublisher } from './mqtt-publisher';
import { roadSegmentEntities } from './ngsi';
import { World } from './world';

const MONDAY = Date.parse('2026-11-16T00:00:00Z');
const HOUR = 3600_000;

const brokerProblem = await mqttReachable();
const ci = process.env.CI === 'true';
if (brokerProblem && !ci) console.log(`skipping MQTT publishing tests: no broker at ${TEST_MQTT_URL} (${brokerProblem})`);
const skip = Boolean(brokerProblem) && !ci;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('the twin publishing over MQTT', () => {
  it('groups a batch by entity type, one topic each, keeping their order', () => {
    const city = generateCity({ seed: 3, size: 400 });
    const world = new World(city, { seed: 3, start: MONDAY + 12 * HOUR });
    world.traffic.addIncident(3, 0.3, HOUR);
    const groups = byType(world.observations());
    expect([...groups.keys()]).toContain('TrafficFlowObserved');
    expect(groups.get('TrafficFlowObserved')).toHaveLength(city.segments.length);
    expect(groups.get('Alert')?.every((e) => e.type === 'Alert')).toBe(true);
  });

  it.skipIf(skip)('delivers every segment’s traffic and every incident to the model services', async () => {
    const root = freshTopicRoot();
    const models = await startMqttModels(TEST_MQTT_URL, root);
    cleanups.push(models.stop);
    const publisher = await MqttPublisher.connect(TEST_MQTT_URL, { topicRoot: root, timeoutMs: 5000 });
    cleanups.push(() => publisher.close());

    const city = generateCity({ seed: 3, size: 400 });
    const world = new World(city, { seed: 3, start: MONDAY + 11 * HOUR });
    runUntil(world, MONDAY + 12 * HOUR);
    world.traffic.addIncident(3, 0.3, HOUR);
    expect((await postJson(`${models.url}/ngsi-ld/v1/entityOperations/upsert`, roadSegmentEntities(city))).status).toBe(204);
    // Traffic and incidents only: the other domains' readings need their own registration.
    await publisher.publish(world.observations().filter((e) => e.type === 'TrafficFlowObserved' || e.type === 'Alert'));

    const incidents = world.traffic.incidents.map((i) => i.id).sort();
    await eventually('traffic and incidents arrive', async () => {
      const traffic = trafficStateSchema.parse(await (await fetch(`${models.url}/v1/state/traffic`)).json());
      const layer = layerStateSchemaOf('incidents').parse(await (await fetch(`${models.url}/v1/state/incidents`)).json());
      return Object.keys(traffic.items).length === city.segments.length && Object.keys(layer.items).sort().join() === incidents.join();
    });
    expect(models.models.mqtt?.status()).toMatchObject({ rejected: 0, accepted: 2 });
  });
});
