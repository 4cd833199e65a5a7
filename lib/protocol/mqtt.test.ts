import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';
import { issuesOf } from '../validation';
import { entityTypeSchema, mqttEnvelopeSchema, mqttSubscriptionOf, mqttTopicOf } from './mqtt';

describe('NGSI-LD over MQTT', () => {
  it('puts each entity type on a topic of its own under one root', () => {
    expect(mqttTopicOf('TrafficFlowObserved')).toBe('polis/ngsi-ld/TrafficFlowObserved');
    expect(mqttSubscriptionOf()).toBe('polis/ngsi-ld/+');
  });

  it('refuses a topic level that is not an entity type', () => {
    expect(entityTypeSchema.safeParse('Traffic/Flow').success).toBe(false);
    expect(entityTypeSchema.safeParse('#').success).toBe(false);
  });

  it('names the entity whose type is not its topic’s', () => {
    const r = mqttEnvelopeSchema('Alert').safeParse([{ type: 'Alert' }, { type: 'RoadSegment' }]);
    expect(r.success).toBe(false);
    if (!r.success) expect(issuesOf(r.error)[0].path).toBe('[1].type');
  });

  it('refuses a message that is not an array of entities', () => {
    expect(mqttEnvelopeSchema('Alert').safeParse({ type: 'Alert' }).success).toBe(false);
    expect(mqttEnvelopeSchema('Alert').safeParse([]).success).toBe(false);
  });

  it('takes MQTT_URL as an mqtt:// URL and names it when it is not one', () => {
    expect(loadConfig({ MQTT_URL: 'mqtt://127.0.0.1:1883' }).MQTT_URL).toBe('mqtt://127.0.0.1:1883');
    expect(loadConfig({}).MQTT_URL).toBeUndefined();
    expect(() => loadConfig({ MQTT_URL: 'http://broker' })).toThrow(ConfigError);
    expect(() => loadConfig({ MQTT_URL: 'http://broker' })).toThrow(/MQTT_URL/);
  });
});
