import mqtt, { type MqttClient } from 'mqtt';
import { MQTT_TOPIC_ROOT, mqttTopicOf } from '@/lib/protocol/mqtt';
import type { Entity } from '@/lib/protocol/ngsi';

/** Entities per message: as the HTTP upsert chunks, so one message stays a few MB at most. */
const CHUNK = 5000;

/** Entities grouped by type, in first-seen order: one topic per entity type. */
export function byType(entities: readonly Entity[]): Map<string, Entity[]> {
  const groups = new Map<string, Entity[]>();
  for (const e of entities) {
    const group = groups.get(e.type);
    if (group) group.push(e);
    else groups.set(e.type, [e]);
  }
  return groups;
}

/**
 * The twin's MQTT side (MQTT_URL): observation batches go to the broker, one QoS 1 message per
 * entity type (and chunk) on `polis/ngsi-ld/<Type>`. While the broker is away publishing fails
 * at once, as an HTTP send does, and the twin drops that tick; mqtt.js reconnects on its own.
 */
export class MqttPublisher {
  private constructor(
    private readonly client: MqttClient,
    private readonly topicRoot: string,
  ) {}

  /** Connect (retrying every second until the broker answers or `timeoutMs` passes). */
  static async connect(url: string, opts: { timeoutMs?: number; topicRoot?: string } = {}): Promise<MqttPublisher> {
    const timeoutMs = opts.timeoutMs ?? 30_000;
    const client = mqtt.connect(url, {
      clientId: `polis-twin-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
      reconnectPeriod: 1000,
      connectTimeout: 5000,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no MQTT broker answered at ${url} within ${timeoutMs / 1000} s`)), timeoutMs);
        client.once('connect', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    } catch (err) {
      await client.endAsync(true);
      throw err;
    }
    return new MqttPublisher(client, opts.topicRoot ?? MQTT_TOPIC_ROOT);
  }

  get connected(): boolean {
    return this.client.connected;
  }

  /** Publish a batch; resolves when the broker has acknowledged every message. */
  async publish(entities: readonly Entity[]): Promise<void> {
    if (!this.client.connected) throw new Error('MQTT broker not connected');
    const sends: Promise<unknown>[] = [];
    for (const [type, group] of byType(entities))
      for (let i = 0; i < group.length; i += CHUNK) sends.push(this.client.publishAsync(mqttTopicOf(type, this.topicRoot), JSON.stringify(group.slice(i, i + CHUNK)), { qos: 1 }));
    await Promise.all(sends);
  }

  close(): Promise<void> {
    return this.client.endAsync();
  }
}
