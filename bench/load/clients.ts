/**
 * The load generator's client process: many socket.io-client (or bare `ws`) connections on
 * loopback, each validating every payload with the protocol's schema and checking each delta
 * follows on from the version it holds, as the browser does (a gap: it asks for a snapshot).
 * Driven over IPC by bench/load/gateway-load.ts and bench/soak.ts.
 *
 * "Applied" here is: frame decoded, delta validated (layerDeltaSchema) and its version checked
 * against the client's; the browser's react-query write is left out so that 2,000 clients fit in
 * one process (2,000 copies of a 2,000-segment snapshot would be ~0.5 GB).
 */
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { actionSchema, actionsListAckSchema } from '@/lib/protocol/actions';
import { alertSchema, alertsListAckSchema } from '@/lib/protocol/alerts';
import { freshnessSchema, layerDeltaSchema, layerSnapshotSchema, namespaces, snapshotAckSchema, type LayerName } from '@/lib/protocol/socket';
import { arrivalKey, nowMs, type ClientKind, type ClientShape, type ClientTrouble, type FromClients, type ToClients } from './protocol';

/** The control room's ack timeout (components/live/socket.ts). */
const ACK_TIMEOUT_MS = 10_000;
/** The first subscriptions wait longer: hundreds of clients ask for snapshots at once. */
const FIRST_ACK_TIMEOUT_MS = 60_000;

interface Client {
  /** Version held per layer; a layer asking for a snapshot has none until it comes. */
  versions: Map<LayerName, number>;
  resyncing: Set<LayerName>;
  /** Asks the gateway for a layer's snapshot (Socket.IO clients only). */
  resync?: (layer: LayerName) => void;
  closing: boolean;
  close: () => void;
}

const clients: Client[] = [];
let arrivals = new Map<string, number[]>();
let events: Record<string, number> = {};
let gaps = 0;
let invalid = 0;
let snapshots = 0;
let trouble: ClientTrouble = { disconnects: 0, connectErrors: 0, errorAcks: 0, messages: [] };

const send = (msg: FromClients) => process.send?.(msg);
const count = (event: string) => void (events[event] = (events[event] ?? 0) + 1);
const note = (kind: 'disconnects' | 'connectErrors' | 'errorAcks', message: string) => {
  trouble[kind]++;
  if (trouble.messages.length < 20) trouble.messages.push(`${kind}: ${message}`);
};
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** One delta arrived at one client: validate, check the version, record when. */
function onDelta(c: Client, raw: unknown): void {
  count('delta');
  const parsed = layerDeltaSchema.safeParse(raw);
  if (!parsed.success) return void invalid++;
  const d = parsed.data;
  if (c.resyncing.has(d.layer)) return; // the snapshot on its way replaces it
  const held = c.versions.get(d.layer);
  // A ws client learns its first version from its first delta (the floor sends no snapshot).
  if (held !== undefined && d.baseVersion !== held) {
    gaps++;
    if (c.resync) return c.resync(d.layer);
  }
  c.versions.set(d.layer, d.version);
  const t = nowMs();
  const key = arrivalKey(d.layer, d.version);
  let at = arrivals.get(key);
  if (!at) arrivals.set(key, (at = []));
  at.push(t);
}

/** A snapshot ack (subscribe or snapshot): the version it holds now, or an error. */
function takeSnapshotAck(c: Client, layer: LayerName, kind: string, raw: unknown): void {
  const ack = snapshotAckSchema.safeParse(raw);
  if (!ack.success) throw new Error(`invalid ${kind} ack for ${layer}`);
  if (!ack.data.ok) throw new Error(`${kind} ${layer} refused: ${ack.data.error.message}`);
  c.versions.set(layer, ack.data.snapshot.version);
}

function connectSocketIo(url: string, cookie: string | undefined, shape: ClientShape): Promise<Client> {
  const namespace = shape.namespace ?? namespaces.ops;
  const layers = shape.layers ?? ['traffic'];
  const socket: Socket = io(`${url}${namespace}`, {
    transports: ['websocket'],
    reconnection: shape.reconnect ?? false,
    forceNew: true,
    extraHeaders: cookie ? { cookie } : {},
  });
  const c: Client = {
    versions: new Map(),
    resyncing: new Set(),
    closing: false,
    close: () => {
      c.closing = true;
      socket.disconnect();
    },
  };
  c.resync = (layer) => {
    if (c.resyncing.has(layer)) return;
    c.resyncing.add(layer);
    c.versions.delete(layer);
    socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('snapshot', { layer })
      .then((raw: unknown) => takeSnapshotAck(c, layer, 'snapshot', raw))
      .catch((err: unknown) => note('errorAcks', messageOf(err)))
      .finally(() => c.resyncing.delete(layer));
  };
  socket.on('delta', (d: unknown) => onDelta(c, d));
  socket.on('snapshot', (s: unknown) => {
    count('snapshot');
    const parsed = layerSnapshotSchema.safeParse(s);
    if (!parsed.success) return void invalid++;
    snapshots++;
    c.versions.set(parsed.data.layer, parsed.data.version);
  });
  const validated = (event: string, schema: { safeParse: (v: unknown) => { success: boolean } }) =>
    socket.on(event, (v: unknown) => {
      count(event);
      if (!schema.safeParse(v).success) invalid++;
    });
  validated('freshness', freshnessSchema);
  validated('alert', alertSchema);
  validated('action', actionSchema);

  /** What the control room does on every (re)connect: subscribe its layers, list alerts and actions. */
  const onConnect = (timeoutMs: number): Promise<unknown> => {
    c.resyncing.clear();
    const asks: Array<Promise<unknown>> = layers.map((layer) =>
      socket
        .timeout(timeoutMs)
        .emitWithAck('subscribe', { layer })
        .then((raw: unknown) => takeSnapshotAck(c, layer, 'subscribe', raw)),
    );
    if (shape.lists) {
      const list = (event: string, schema: typeof alertsListAckSchema | typeof actionsListAckSchema) =>
        socket
          .timeout(timeoutMs)
          .emitWithAck(event, { limit: 200 })
          .then((raw: unknown) => {
            const ack = schema.safeParse(raw);
            if (!ack.success) throw new Error(`invalid ${event} ack`);
            if (!ack.data.ok) throw new Error(`${event} refused: ${ack.data.error.message}`);
          });
      asks.push(list('alerts:list', alertsListAckSchema), list('actions:list', actionsListAckSchema));
    }
    return Promise.all(asks);
  };
  return new Promise((resolve, reject) => {
    let first = true;
    socket.on('connect', () => {
      if (!first) return void onConnect(ACK_TIMEOUT_MS).catch((err: unknown) => note('errorAcks', messageOf(err)));
      first = false;
      onConnect(FIRST_ACK_TIMEOUT_MS).then(
        () => resolve(c),
        (err: unknown) => {
          c.close();
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
    socket.on('connect_error', (err: Error) => {
      note('connectErrors', err.message);
      if (first) {
        first = false;
        c.close();
        reject(err);
      }
    });
    socket.on('disconnect', (reason: string) => {
      if (!c.closing) note('disconnects', reason);
    });
  });
}

function connectWs(url: string): Promise<Client> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const c: Client = { versions: new Map(), resyncing: new Set(), closing: false, close: () => ws.close() };
  ws.on('message', (data: WebSocket.RawData) => {
    // The floor sends the same payload Socket.IO does: ["delta", {...}].
    const msg: unknown = JSON.parse(data.toString());
    onDelta(c, Array.isArray(msg) ? msg[1] : msg);
  });
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => resolve(c));
  });
}

async function connect(kind: ClientKind, url: string, n: number, cookie: string | undefined, shape: ClientShape): Promise<void> {
  const t = Date.now();
  let failed = 0;
  // In batches: 2,000 handshakes (and snapshots) at once would time out on two cores.
  for (let i = 0; i < n; i += 50) {
    const batch = Array.from({ length: Math.min(50, n - i) }, () => (kind === 'ws' ? connectWs(url) : connectSocketIo(url, cookie, shape)));
    for (const r of await Promise.allSettled(batch)) {
      if (r.status === 'fulfilled') clients.push(r.value);
      else failed++;
    }
  }
  send({ type: 'connected', n: clients.length, failed, ms: Date.now() - t });
}

process.on('message', (msg: ToClients) => {
  switch (msg.cmd) {
    case 'connect': {
      const { kind, url, n, cookie, ...shape } = msg;
      void connect(kind, url, n, cookie, shape);
      break;
    }
    case 'collect':
      send({ type: 'samples', arrivals: Object.fromEntries(arrivals), events, gaps, invalid, snapshots, trouble, cpuSeconds: cpuSeconds() });
      arrivals = new Map();
      events = {};
      gaps = invalid = snapshots = 0;
      trouble = { disconnects: 0, connectErrors: 0, errorAcks: 0, messages: [] };
      break;
    case 'disconnect':
      for (const c of clients.splice(0)) c.close();
      send({ type: 'disconnected' });
      break;
    case 'exit':
      for (const c of clients.splice(0)) c.close();
      process.exit(0);
  }
});
