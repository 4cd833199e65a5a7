import { z } from 'zod';

/**
 * NGSI-LD over MQTT: the field publishes upsert batches (JSON arrays of keyValues entities, the
 * same body as POST /ngsi-ld/v1/entityOperations/upsert) with QoS 1, one topic per entity type,
 * e.g. `polis/ngsi-ld/TrafficFlowObserved`. The model services subscribe to all of them.
 */
export const MQTT_TOPIC_ROOT = 'polis/ngsi-ld';
export const mqttTopicOf = (entityType: string, root = MQTT_TOPIC_ROOT) => `${root}/${entityType}`;
export const mqttSubscriptionOf = (root = MQTT_TOPIC_ROOT) => `${root}/+`;

/** The last level of a topic: the NGSI-LD entity type its messages carry. */
export const entityTypeSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, 'must end in an entity type, e.g. polis/ngsi-ld/TrafficFlowObserved');

/**
 * The envelope of a message on the topic of `entityType`: an array of entities all of that
 * type. The entities themselves are then validated as any upsert batch is.
 */
export const mqttEnvelopeSchema = (entityType: string) =>
  z.array(z.looseObject({ type: z.literal(entityType, { error: `must be "${entityType}", the type of this topic` }) })).min(1);

/** MQTT ingest as GET /health reports it (only when MQTT_URL is set). */
export const mqttStatusSchema = z.object({
  connected: z.boolean(),
  /** Messages received, accepted (stored) and rejected (malformed, invalid or unknown references). */
  received: z.number().int().min(0),
  accepted: z.number().int().min(0),
  rejected: z.number().int().min(0),
  /** Why the last message was rejected (or the connection failed), or null. */
  lastError: z.string().nullable(),
});
export type MqttStatus = z.infer<typeof mqttStatusSchema>;
