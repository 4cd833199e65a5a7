import { z } from 'zod';
import { deltaItemSchemas, stampedLayers, type DeltaItem } from './delta-items';
import {
  actionAckSchema,
  actionSchema,
  actionsListAckSchema,
  actionsListRequestSchema,
  decideRequestSchema,
  executeRequestSchema,
  proposeRequestSchema,
  type Action,
  type ActionAck,
  type ActionsListAck,
  type ActionsListRequest,
  type DecideRequest,
  type ExecuteRequest,
  type ProposeRequest,
} from './actions';
import { alertAckRequestSchema, alertSchema, alertsListRequestSchema, type Alert, type AlertAckAck, type AlertAckRequest, type AlertsListAck, type AlertsListRequest } from './alerts';
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
    /** New or changed items; `observedAt` left out means the delta's asOf (see delta-items.ts). */
    upsert: z.record(z.string(), deltaItemSchemas[layer] as (typeof deltaItemSchemas)[L]),
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
  .refine((d) => d.version === d.baseVersion + 1, { message: 'version must be baseVersion + 1', path: ['version'] })
  .refine((d) => d.asOf !== null || !stampedLayers.has(d.layer) || Object.values(d.upsert).every((i) => 'observedAt' in i && i.observedAt !== undefined), {
    message: 'an item without observedAt needs the delta to have an asOf',
    path: ['upsert'],
  });

export type LayerDelta<L extends LayerName = LayerName> = L extends LayerName
  ? { layer: L; baseVersion: number; version: number; asOf: string | null; upsert: Record<string, DeltaItem<L>>; remove: string[] }
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

/**
 * A part of the map, in WGS84 degrees. A subscriber zoomed into one district names it and gets
 * only the items in or crossing it (the gateway rounds it out to map tiles).
 */
export const areaSchema = z
  .object({
    west: z.number().min(-180).max(180),
    south: z.number().min(-85.06).max(85.06),
    east: z.number().min(-180).max(180),
    north: z.number().min(-85.06).max(85.06),
  })
  .refine((a) => a.west <= a.east, { message: 'west must not be east of east', path: ['west'] })
  .refine((a) => a.south <= a.north, { message: 'south must not be north of north', path: ['south'] });
export type Area = z.infer<typeof areaSchema>;

/** Subscribe to a layer, the whole city or one area of it; subscribing again replaces the area. */
export const subscribeRequestSchema = z.object({ layer: layerNameSchema, area: areaSchema.optional() });
export type SubscribeRequest = z.infer<typeof subscribeRequestSchema>;
export const layerRequestSchema = z.object({ layer: layerNameSchema });
export type LayerRequest = z.infer<typeof layerRequestSchema>;

export const socketErrorSchema = z.object({
  /** forbidden: the audience may not do this (e.g. the public subscribing to traffic). */
  /** rate-limited: too many state-changing events from one socket (per-socket token bucket). */
  code: z.enum(['bad-request', 'forbidden', 'unavailable', 'rate-limited']),
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
  unsubscribe: (req: LayerRequest, ack: (res: SimpleAck) => void) => void;
  /** Ask again for a layer's snapshot (of the subscribed area), e.g. after a gap in delta versions. */
  snapshot: (req: LayerRequest, ack: (res: SnapshotAck) => void) => void;
  /** /ops only: the open and recently resolved alerts (lib/protocol/alerts.ts). */
  'alerts:list': (req: AlertsListRequest, ack: (res: AlertsListAck) => void) => void;
  /** /ops only, roles with 'alerts:acknowledge': every operator's screen then gets the `alert` event. */
  'alerts:acknowledge': (req: AlertAckRequest, ack: (res: AlertAckAck) => void) => void;
  /** /ops only: the newest actions (lib/protocol/actions.ts). */
  'actions:list': (req: ActionsListRequest, ack: (res: ActionsListAck) => void) => void;
  /** /ops, 'actions:propose': ask the optimiser for a plan; the same idempotencyKey gives the same action. */
  'actions:propose': (req: ProposeRequest, ack: (res: ActionAck) => void) => void;
  /** /ops, 'actions:approve' (managers). */
  'actions:approve': (req: DecideRequest, ack: (res: ActionAck) => void) => void;
  'actions:reject': (req: DecideRequest, ack: (res: ActionAck) => void) => void;
  /** /ops, 'actions:trigger': the ack carries the action as it then is (active once the field acknowledged). */
  'actions:execute': (req: ExecuteRequest, ack: (res: ActionAck) => void) => void;
  'actions:rollback': (req: DecideRequest, ack: (res: ActionAck) => void) => void;
}

export interface ServerToClientEvents {
  delta: (delta: LayerDelta) => void;
  /** Sent instead of a backlog of deltas when a client fell behind (of its subscribed area). */
  snapshot: (snapshot: LayerSnapshot) => void;
  freshness: (freshness: Freshness) => void;
  /** /ops: an alert was raised, escalated, acknowledged or resolved (the whole alert, as it is now). */
  alert: (alert: Alert) => void;
  /** /ops: an action was proposed or changed (the whole action, as it is now). */
  action: (action: Action) => void;
}

/** Schemas of every event's payload, by event name, for validation on both sides. */
export const clientEventSchemas = {
  subscribe: subscribeRequestSchema,
  unsubscribe: layerRequestSchema,
  snapshot: layerRequestSchema,
  'alerts:list': alertsListRequestSchema,
  'alerts:acknowledge': alertAckRequestSchema,
  'actions:list': actionsListRequestSchema,
  'actions:propose': proposeRequestSchema,
  'actions:approve': decideRequestSchema,
  'actions:reject': decideRequestSchema,
  'actions:execute': executeRequestSchema,
  'actions:rollback': decideRequestSchema,
} as const;

export { namespaces, UNAUTHORIZED, type NamespaceName } from './namespaces';

export const serverEventSchemas = {
  delta: layerDeltaSchema,
  snapshot: layerSnapshotSchema,
  freshness: freshnessSchema,
  alert: alertSchema,
  action: actionSchema,
} as const;

/** Schemas of the acks of the action events (the browser validates what it is answered). */
export const actionAckSchemas = { list: actionsListAckSchema, action: actionAckSchema } as const;

/** Local room of the sockets subscribed to a layer with the same area (key 'all' for the whole city). */
export const roomOf = (layer: LayerName, areaKey = 'all') => `sub:${layer}:${areaKey}`;

/**
 * Between gateways (through the Redis adapter): the elected poller sends every layer update to
 * the others, which keep the same versioned snapshots and fan out to their own clients.
 */
export const sourceHealthSchema = z.object({
  source: z.string().nullable(),
  asOf: isoDateTime.nullable(),
  receivedAtMs: z.number().nullable(),
  polledAtMs: z.number().nullable(),
  lastPollFailed: z.boolean(),
});
export const peerUpdateSchema = z.object({
  layer: layerNameSchema,
  health: sourceHealthSchema,
  delta: layerDeltaSchema.nullable(),
});
export type PeerUpdate = z.infer<typeof peerUpdateSchema>;
