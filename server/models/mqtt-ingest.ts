import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import { entityTypeSchema, MQTT_TOPIC_ROOT, mqttEnvelopeSchema, mqttSubscriptionOf, type MqttStatus } from '@/lib/protocol/mqtt';
import { issuesOf } from '@/lib/validation';
import { isStoreUnavailable } from '../store/unavailable';
import type { UpsertOutcome } from './upsert';

export interface MqttIngestOptions {
  url: string;
  /** The same all-or-nothing ingest as the HTTP upsert. */
  ingest: (body: unknown) => Promise<UpsertOutcome>;
  log: (line: string) => void;
  /** Milliseconds between reconnection attempts after the broker went away. */
  reconnectMs?: number;
  /** Topics are `<root>/<EntityType>`; tests use a root of their own on a shared broker. */
  topicRoot?: string;
}

export interface MqttIngest {
  status: () => MqttStatus;
  /** Resolves once subscribed the first time (rejects if the first connection fails). */
  ready: Promise<void>;
  close: () => Promise<void>;
}

/**
 * Subscribe to NGSI-LD batches on the broker and feed each message through the upsert core.
 * Messages are handled one at a time and acknowledged (QoS 1) only once handled, so a slow store
 * slows the broker's delivery rather than piling messages up in memory. A bad message is
 * rejected with a logged reason and counted; nothing of it is stored.
 */
export function startMqttIngest(opts: MqttIngestOptions): MqttIngest {
  const counts = { received: 0, accepted: 0, rejected: 0 };
  let lastError: string | null = null;
  const root = opts.topicRoot ?? MQTT_TOPIC_ROOT;
  const subscription = mqttSubscriptionOf(root);
  const client: MqttClient = mqtt.connect(opts.url, {
    clientId: `polis-models-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
    clean: true,
    reconnectPeriod: opts.reconnectMs ?? 1000,
    connectTimeout: 5000,
    // We subscribe on every connect ourselves (a restarted broker has forgotten us).
    resubscribe: false,
  });

  const reject = (topic: string, reason: string) => {
    counts.rejected++;
    lastError = `${topic}: ${reason}`;
    opts.log(`mqtt message rejected on ${topic}: ${reason}`);
  };

  const handle = async (packet: IPublishPacket) => {
    counts.received++;
    const topic = entityTypeSchema.safeParse(packet.topic.slice(root.length + 1));
    if (!packet.topic.startsWith(`${root}/`) || !topic.success) return reject(packet.topic, `topic: ${topic.error?.issues[0]?.message ?? `must start with ${root}/`}`);
    let body: unknown;
    try {
      body = JSON.parse(packet.payload.toString());
    } catch (err) {
      return reject(packet.topic, `not JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    const envelope = mqttEnvelopeSchema(topic.data).safeParse(body);
    if (!envelope.success) {
      const [first] = issuesOf(envelope.error);
      return reject(packet.topic, `invalid entities: ${first ? `${first.path || '(root)'}: ${first.message}` : 'invalid'}`);
    }
    for (;;) {
      try {
        const outcome = await opts.ingest(body);
        if (outcome.ok) counts.accepted++;
        else reject(packet.topic, outcome.message);
        return;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        // Store down: keep the message unacknowledged and retry, so the broker holds the rest
        // (within its queue bound) instead of the batch being acknowledged and lost.
        if (isStoreUnavailable(err) && !closing) {
          if (lastError !== `store unavailable: ${message}`) opts.log(`mqtt: store unavailable, holding messages: ${message}`);
          lastError = `store unavailable: ${message}`;
          await new Promise((r) => setTimeout(r, opts.reconnectMs ?? 1000));
          continue;
        }
        // Anything else failed (not the message): still nothing stored, and said so.
        return reject(packet.topic, `ingest failed: ${message}`);
      }
    }
  };
  let closing = false;
  // mqtt.js calls this for each incoming publish and sends the PUBACK when `done` is called;
  // it reads the next packet only then, which keeps messages in order and one at a time.
  client.handleMessage = (packet, done) => {
    handle(packet).then(
      () => done(),
      () => done(),
    );
  };

  let wasConnected = false;
  const ready = new Promise<void>((resolve, reject) => {
    client.on('connect', () => {
      if (wasConnected) opts.log('mqtt: reconnected to the broker');
      wasConnected = true;
      client.subscribe(subscription, { qos: 1 }, (err) => {
        if (err) {
          lastError = `subscribe: ${err.message}`;
          opts.log(`mqtt: could not subscribe to ${subscription}: ${err.message}`);
          return reject(err);
        }
        resolve();
      });
    });
    client.once('error', (err) => {
      if (!wasConnected) reject(err);
    });
  });
  ready.catch(() => undefined);
  client.on('error', (err) => {
    lastError = `connection: ${err.message}`;
  });
  client.on('offline', () => opts.log('mqtt: broker unreachable; reconnecting'));

  return {
    status: () => ({ connected: client.connected, ...counts, lastError }),
    ready,
    close: () => {
      closing = true;
      return client.endAsync();
    },
  };
}
