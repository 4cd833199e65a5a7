/**
 * The load generator's client process: many socket.io-client (or bare `ws`) connections on
 * loopback, each validating every delta with the protocol's schema and checking it follows on
 * from the version it holds, as the browser does. Driven by bench/load/gateway-load.ts over IPC.
 *
 * "Applied" here is: frame decoded, delta validated (layerDeltaSchema) and its version checked
 * against the client's; the browser's react-query write is left out so that 2,000 clients fit in
 * one process (2,000 copies of a 2,000-segment snapshot would be ~0.5 GB).
 */
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { layerDeltaSchema, layerSnapshotSchema, namespaces } from '@/lib/protocol/socket';
import { nowMs, type ClientKind, type FromClients, type ToClients } from './protocol';

interface Client {
  version: number | null;
  close: () => void;
}

const clients: Client[] = [];
let arrivals = new Map<number, number[]>();
let gaps = 0;
let invalid = 0;
let snapshots = 0;

const send = (msg: FromClients) => process.send?.(msg);

/** One delta arrived at one client: validate, check the version, record when. */
function onDelta(c: Client, raw: unknown): void {
  const parsed = layerDeltaSchema.safeParse(raw);
  if (!parsed.success) return void invalid++;
  const d = parsed.data;
  // A ws client learns its first version from its first delta (the floor sends no snapshot).
  if (c.version !== null && d.baseVersion !== c.version) gaps++;
  c.version = d.version;
  const t = nowMs();
  let at = arrivals.get(d.version);
  if (!at) arrivals.set(d.version, (at = []));
  at.push(t);
}

function connectSocketIo(url: string, cookie: string | undefined): Promise<Client> {
  const socket: Socket = io(`${url}${namespaces.ops}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: cookie ? { cookie } : {},
  });
  const c: Client = { version: null, close: () => socket.disconnect() };
  socket.on('delta', (d: unknown) => onDelta(c, d));
  socket.on('snapshot', (s: unknown) => {
    const parsed = layerSnapshotSchema.safeParse(s);
    if (parsed.success) {
      snapshots++;
      c.version = parsed.data.version;
    } else invalid++;
  });
  return new Promise((resolve, reject) => {
    socket.once('connect_error', reject);
    socket.once('connect', () => {
      socket
        .timeout(60_000)
        .emitWithAck('subscribe', { layer: 'traffic' })
        .then((ack: { ok: boolean; snapshot?: { version: number } }) => {
          if (!ack.ok || !ack.snapshot) return reject(new Error('subscribe refused'));
          c.version = ack.snapshot.version;
          resolve(c);
        }, reject);
    });
  });
}

function connectWs(url: string): Promise<Client> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const c: Client = { version: null, close: () => ws.close() };
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

async function connect(kind: ClientKind, url: string, n: number, cookie?: string): Promise<void> {
  const t = Date.now();
  let failed = 0;
  // In batches: 2,000 handshakes (and snapshots) at once would time out on two cores.
  for (let i = 0; i < n; i += 50) {
    const batch = Array.from({ length: Math.min(50, n - i) }, () => (kind === 'ws' ? connectWs(url) : connectSocketIo(url, cookie)));
    for (const r of await Promise.allSettled(batch)) {
      if (r.status === 'fulfilled') clients.push(r.value);
      else failed++;
    }
  }
  send({ type: 'connected', n: clients.length, failed, ms: Date.now() - t });
}

process.on('message', (msg: ToClients) => {
  switch (msg.cmd) {
    case 'connect':
      void connect(msg.kind, msg.url, msg.n, msg.cookie);
      break;
    case 'collect':
      send({ type: 'samples', arrivals: Object.fromEntries(arrivals), gaps, invalid, snapshots });
      arrivals = new Map();
      gaps = invalid = snapshots = 0;
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
