import { z } from 'zod';
import { layerItemSchemas, layerNameSchema, layerNames, type LayerItem, type LayerName } from './layers';

export { layerNameSchema, layerNames, type LayerName };

/**
 * The Socket.IO contract between the realtime gateway and browsers: one schema per event.
 * Types both `Server<ClientToServerEvents, ServerToClientEvents>` and `io()` on the client.
 *
 * Snapshot, then deltas: a subscriber gets a versioned snapshot, then deltas naming the version
 * they apply to (baseVersion). A client that sees a gap asks for a snapshot again.
 */

const isoDateTime = z.iso.datetime({ offset: true });

function snapshotOf<L extends LayerName>(layer: L) {
  return z.object({
    layer: z.literal(layer),
    version: z.number().int().min(0),
    /** Newest observation time in the layer (twin or field time). */
    asOf: isoDateTime.nullable(),
    items: z.record(z.string(), layerItemSchemas[layer] as (typeof layerItemSchemas)[L]),
  });
}

function deltaOf<L extends LayerName>(layer: L) {
  return z.object({
    layer: z.literal(layer),
    /** The snapshot version this delta applies to. */
    baseVersion: z.number().int().min(0),
    /** The version after applying it: always baseVersion + 1. */
    version: z.number().int().min(1),
    asOf: isoDateTime.nullable(),
    upsert: z.record(z.string(), layerItemSchemas[layer] as (typeof layerItemSchemas)[L]),
    remove: z.array(z.string()),
  });
}

/** A versioned snapshot of one layer; its items are typed by the layer it names. */
export const layerSnapshotSchema = z.discriminatedUnion('layer', [
  snapshotOf('traffic'),
  snapshotOf('grid'),
  snapshotOf('air'),
  snapshotOf('weather'),
  snapshotOf('transit'),
  snapshotOf('incidents'),
]);

/** Snapshot of one layer, its items typed by the layer (distributive: the default is the union of all). */
export type LayerSnapshot<L extends LayerName = LayerName> = L extends LayerName
  ? { layer: L; version: number; asOf: string | null; items: Record<string, LayerItem<L>> }
  : never;

export const layerDeltaSchema = z
  .discriminatedUnion('layer', [deltaOf('traffic'), deltaOf('grid'), deltaOf('air'), deltaOf('weather'), deltaOf('transit'), deltaOf('incidents')])
  .refine((d) => d.version === d.baseVersion + 1, { message: 'version must be baseVersion + 1', path: ['version'] });

export type LayerDelta<L extends LayerName = LayerName> = L extends LayerName
  ? { layer: L; baseVersion: number; version: number; asOf: string | null; upsert: Record<string, LayerItem<L>>; remove: string[] }
  : never;

/** Freshness of a layer: staleness is data, never guessed by the UI. */
export const freshnessSchema = z.object({
  layer: layerNameSchema,
  /** Who produced the data (NGSI-LD dataProvider), e.g. "city-twin". */
  source: z.string().nullable(),
  /** Newest observation time (twin or field time). */
  asOf: isoDateTime.nullable(),
  /** Wall-clock time the gateway last received changed data. */
  receivedAt: isoDateTime.nullable(),
  /** Wall-clock time of the gateway's last successful poll of the model services. */
  polledAt: isoDateTime.nullable(),
  stale: z.boolean(),
  reason: z.enum(['model-services-unreachable', 'no-new-data', 'no-data-yet']).nullable(),
  /** Gateway's wall-clock time when this was sent, so clients can judge heartbeats. */
  sentAt: isoDateTime,
  pollIntervalMs: z.number().int().positive(),
});
export type Freshness = z.infer<typeof freshnessSchema>;

export const subscribeRequestSchema = z.object({ layer: layerNameSchema });
export type SubscribeRequest = z.infer<typeof subscribeRequestSchema>;

export const socketErrorSchema = z.object({
  code: z.enum(['bad-request', 'forbidden', 'unavailable']),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type SocketError = z.infer<typeof socketErrorSchema>;

export const snapshotAckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), snapshot: layerSnapshotSchema, freshness: freshnessSchema }),
  z.object({ ok: z.literal(false), error: socketErrorSchema }),
]);
export type SnapshotAck = z.infer<typeof snapshotAckSchema>;

export const simpleAckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: socketErrorSchema }),
]);
export type SimpleAck = z.infer<typeof simpleAckSchema>;

export interface ClientToServerEvents {
  /** Join a layer: the ack carries the current snapshot; deltas follow as `delta` events. */
  subscribe: (req: SubscribeRequest, ack: (res: SnapshotAck) => void) => void;
  unsubscribe: (req: SubscribeRequest, ack: (res: SimpleAck) => void) => void;
  /** Ask again for a layer's snapshot, e.g. after a gap in delta versions. */
  snapshot: (req: SubscribeRequest, ack: (res: SnapshotAck) => void) => void;
}

export interface ServerToClientEvents {
  delta: (delta: LayerDelta) => void;
  /** Sent instead of deltas when a client must resync (e.g. it fell behind). */
  snapshot: (snapshot: LayerSnapshot) => void;
  freshness: (freshness: Freshness) => void;
}

/** Schemas of every event's payload, by event name, for validation on both sides. */
export const clientEventSchemas = {
  subscribe: subscribeRequestSchema,
  unsubscribe: subscribeRequestSchema,
  snapshot: subscribeRequestSchema,
} as const;

export const serverEventSchemas = {
  delta: layerDeltaSchema,
  snapshot: layerSnapshotSchema,
  freshness: freshnessSchema,
} as const;

export const roomOf = (layer: LayerName) => `layer:${layer}`;
