import { randomUUID } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Server, type Namespace, type Socket } from 'socket.io';
import type { z } from 'zod';
import { mayWatch, SESSION_COOKIE, type Audience, type SessionUser } from '@/lib/protocol/auth';
import {
  clientEventSchemas,
  layerNames,
  namespaces,
  peerUpdateSchema,
  roomOf,
  UNAUTHORIZED,
  type ClientToServerEvents,
  type Freshness,
  type LayerDelta,
  type LayerName,
  type LayerSnapshot,
  type PeerUpdate,
  type ServerToClientEvents,
  type SnapshotAck,
  type SocketError,
} from '@/lib/protocol/socket';
import { issuesOf } from '@/lib/validation';
import { parseCookies } from '../auth/cookies';
import { sessionRoom } from '../auth/auth-store';
import { areaKeyOf, deltaInArea, ItemLocator, rangeOfKey, snapshotInArea, tilesOfArea } from './areas';
import { judgeFreshness, type SourceHealth } from './freshness';
import { gatewayMetrics, type GatewayMetrics } from './gateway-metrics';
import { electLeader, soloLeadership, type Leadership, type LockClient } from './leader';
import { LayerState } from './layer-state';
import { createLog, type Log } from './log';
import { segmentPlacer } from './places';
import { startPoller } from './poller';
import { tokenBucket, type RateLimit } from './rate-limit';

type ClientEvent = keyof typeof clientEventSchemas;
type ErrorAck = (res: { ok: false; error: SocketError }) => void;

/** A gateway's answer when another asks for its snapshot of a layer. */
interface PeerSnapshot {
  snapshot: LayerSnapshot;
  /** It is the elected poller: the deltas that follow are made from this snapshot. */
  leader: boolean;
}

interface InterServerEvents {
  'layer-update': (msg: PeerUpdate) => void;
  'layer-snapshot': (layer: LayerName, ack: (answer: PeerSnapshot) => void) => void;
}

interface SocketData {
  audience: Audience;
  user: SessionUser | null;
  /** Room of the session, so signing out disconnects its sockets on every gateway. */
  sessionRoom: string | null;
  /** The session token (server side only), to check the session is still valid while connected. */
  token: string | null;
  /** Area key each subscribed layer was subscribed with ('all' for the whole city). */
  subs: Partial<Record<LayerName, string>>;
}

export type PolisServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type PolisNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type PolisSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** The Redis client the gateway shares broadcasts through and elects its poller with (node-redis v5). */
export type GatewayRedis = LockClient & { isReady: boolean };

export interface GatewayOptions {
  modelsUrl: string;
  pollIntervalMs: number;
  staleAfterMs: number;
  /** The signed-in user of a session token, or null: guards the /ops handshake. */
  authenticate: (token: string) => Promise<SessionUser | null>;
  /** Several gateways: share broadcasts through this Redis and elect one poller. */
  redis?: GatewayRedis;
  /** A client with more than this many bytes waiting is sent a snapshot instead of a backlog. */
  maxBufferedBytes?: number;
  /** Bytes waiting to be sent to a socket; replaceable in tests, which cannot make loopback slow. */
  bufferedBytesOf?: (socket: PolisSocket) => number;
  /** How often connected /ops sockets have their session checked again (expired or revoked: dropped). */
  sessionCheckMs?: number;
  /** The lock lapses this long after its gateway stops renewing it. */
  leaderTtlMs?: number;
  /** Prefix of the Redis keys (stream, sessions, lock): one per deployment sharing a Redis. */
  redisPrefix?: string;
  /**
   * Called on the poller after each poll result was fanned out to this gateway's clients, with
   * the time (ms since the epoch, sub-millisecond) the result arrived: the load benchmark's clock.
   */
  onPollResult?: (layer: LayerName, delta: LayerDelta | null, arrivedAtMs: number) => void;
  /** State-changing events (actions:*, alerts:acknowledge) one socket may send; default 20 at once, 2 a second. */
  actionRateLimit?: RateLimit;
  log?: Log;
}

/** Events that change state: each costs a token of the socket's bucket. */
const RATE_LIMITED_EVENTS = new Set(['actions:propose', 'actions:approve', 'actions:reject', 'actions:execute', 'actions:rollback', 'alerts:acknowledge']);

export interface Gateway {
  io: PolisServer;
  id: string;
  freshness: (layer: LayerName) => Freshness;
  snapshot: (layer: LayerName) => LayerSnapshot;
  isLeader: () => boolean;
  metrics: GatewayMetrics;
  /** Disconnect every socket of a session, on every gateway (after sign-out). */
  endSession: (token: string) => void;
  close: () => Promise<void>;
}

/** Validate an event's payload with its schema; a bad one gets an error ack naming the field. */
function withValid<E extends ClientEvent>(event: E, payload: unknown, ack: unknown, handle: (data: z.infer<(typeof clientEventSchemas)[E]>) => void): void {
  // Without an ack there is no one to answer; the event is dropped.
  if (typeof ack !== 'function') return;
  const parsed = clientEventSchemas[event].safeParse(payload);
  if (!parsed.success) {
    (ack as ErrorAck)({ ok: false, error: { code: 'bad-request', message: `invalid ${event} request`, issues: issuesOf(parsed.error) } });
    return;
  }
  handle(parsed.data as z.infer<(typeof clientEventSchemas)[E]>);
}

/** What engine.io has not yet handed to the kernel for this socket: its packet queue and ws buffer. */
function defaultBufferedBytes(socket: PolisSocket): number {
  // engine.io keeps these internal; read defensively (a missing field means nothing waiting).
  const conn = socket.conn as unknown as { writeBuffer?: Array<{ data?: unknown }>; transport?: { socket?: { bufferedAmount?: number } } };
  let bytes = conn.transport?.socket?.bufferedAmount ?? 0;
  for (const p of conn.writeBuffer ?? []) bytes += typeof p.data === 'string' ? p.data.length : 1024;
  return bytes;
}

const behindRoom = (layer: LayerName) => `behind:${layer}`;
const freshRoom = (layer: LayerName) => `fresh:${layer}`;
const jsonBytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

/**
 * The realtime gateway. One namespace per audience: /ops (a signed-in session, every layer) and
 * /public (transit and air only). The elected poller (the only gateway without Redis) polls the
 * model services, versions each layer and sends each update to the other gateways; every gateway
 * keeps the same snapshots and fans out to its own clients, per layer and per area, skipping
 * clients that fell behind and sending them one fresh snapshot once they drain. A gateway that
 * cannot reach Redis polls on its own for its own clients; once it can again, it follows the
 * elected poller and takes that poller's snapshot, whatever its own version says.
 */
export function createGateway(httpServer: HttpServer, opts: GatewayOptions): Gateway {
  const log = opts.log ?? createLog('gateway');
  const id = randomUUID();
  const maxBuffered = opts.maxBufferedBytes ?? 1024 * 1024;
  const bufferedBytesOf = opts.bufferedBytesOf ?? defaultBufferedBytes;
  const prefix = opts.redisPrefix ?? 'polis';
  const io: PolisServer = new Server(httpServer, {
    // WebSocket only: no long-polling means no sticky sessions when several gateways run.
    transports: ['websocket'],
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    // Middlewares run again on recovery: a session signed out meanwhile must not come back.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
    ...(opts.redis ? { adapter: createAdapter(opts.redis, { streamName: `${prefix}:socket.io`, sessionKeyPrefix: `${prefix}:sio-session:`, maxLen: 10_000 }) } : {}),
  });
  const ops: PolisNamespace = io.of(namespaces.ops);
  const pub: PolisNamespace = io.of(namespaces.public);
  const audiences: Array<[PolisNamespace, string]> = [
    [ops, 'ops'],
    [pub, 'public'],
  ];

  const layers = new Map<LayerName, LayerState>(layerNames.map((name) => [name, new LayerState(name)]));
  const health = new Map<LayerName, SourceHealth>(
    layerNames.map((name) => [name, { source: null, asOf: null, receivedAtMs: null, polledAtMs: null, lastPollFailed: false }]),
  );
  const locators = new Map<LayerName, ItemLocator>(layerNames.map((name) => [name, new ItemLocator()]));
  const stateOf = (layer: LayerName) => layers.get(layer) as LayerState;
  const locatorOf = (layer: LayerName) => locators.get(layer) as ItemLocator;
  const freshnessOpts = { staleAfterMs: opts.staleAfterMs, pollIntervalMs: opts.pollIntervalMs };
  const freshness = (layer: LayerName) => judgeFreshness(layer, health.get(layer) as SourceHealth, Date.now(), freshnessOpts);
  const placeSegments = segmentPlacer(opts.modelsUrl, locatorOf('traffic'), (err) => log.warn('road network for areas unavailable', { error: err.message }));

  const metrics = gatewayMetrics({
    clients: (set) => audiences.forEach(([nsp, name]) => set({ namespace: name }, nsp.sockets.size)),
    leader: () => leadership.isLeader,
    polling: () => poller !== null,
    layers: (set, stale) =>
      layerNames.forEach((layer) => {
        set({ layer }, stateOf(layer).snapshot.version);
        stale({ layer }, freshness(layer).stale ? 1 : 0);
      }),
  });
  const sent = (namespace: string, event: string, recipients: number, bytes: number) => {
    if (recipients === 0) return;
    metrics.messages.inc({ namespace, event }, recipients);
    metrics.bytes.inc({ namespace, event }, bytes * recipients);
  };

  const areaSnapshot = (layer: LayerName, areaKey: string | undefined) =>
    snapshotInArea(stateOf(layer).snapshot, rangeOfKey(areaKey ?? 'all'), locatorOf(layer)) as LayerSnapshot;

  // ---- fan-out to this gateway's own clients -------------------------------------------------

  const socketsIn = (nsp: PolisNamespace, room: string) => nsp.adapter.rooms.get(room) ?? new Set<string>();

  /** Send one delta to every local subscriber of its layer, each getting its area's part. */
  const fanOut = (layer: LayerName, delta: LayerDelta, before: LayerSnapshot) => {
    const prefix = `sub:${layer}:`;
    let wholeBytes: number | null = null;
    for (const [nsp, name] of audiences) {
      const rooms = [...nsp.adapter.rooms.keys()].filter((r) => r.startsWith(prefix));
      if (rooms.length === 0) continue;
      // Slow clients are set aside before sending, so they get no backlog to add to.
      const behind = behindRoom(layer);
      for (const room of rooms)
        for (const sid of socketsIn(nsp, room)) {
          const socket = nsp.sockets.get(sid);
          if (socket && !socket.rooms.has(behind) && bufferedBytesOf(socket) > maxBuffered) {
            void socket.join(behind);
            log.debug('client fell behind', { namespace: name, layer, socket: sid });
          }
        }
      for (const room of rooms) {
        const areaKey = room.slice(prefix.length);
        const part = deltaInArea(delta, before, rangeOfKey(areaKey), locatorOf(layer)) as LayerDelta;
        const bytes = areaKey === 'all' ? (wholeBytes ??= jsonBytes(delta)) : jsonBytes(part);
        let recipients = 0;
        for (const sid of socketsIn(nsp, room)) if (!socketsIn(nsp, behind).has(sid)) recipients++;
        nsp.local.to(room).except(behind).emit('delta', part);
        sent(name, 'delta', recipients, bytes);
      }
    }
    metrics.deltaBytes.observe({ layer }, wholeBytes ?? jsonBytes(delta));
  };

  /** Every local subscriber of a layer gets a fresh snapshot (after this gateway adopted a newer one). */
  const pushSnapshots = (layer: LayerName) => {
    for (const [nsp, name] of audiences)
      for (const sid of socketsIn(nsp, freshRoom(layer))) {
        const socket = nsp.sockets.get(sid);
        if (!socket) continue;
        const snap = areaSnapshot(layer, socket.data.subs[layer]);
        socket.emit('snapshot', snap);
        sent(name, 'snapshot', 1, jsonBytes(snap));
      }
  };

  /** Freshness heartbeat, and a fresh snapshot for each client that fell behind and has drained. */
  const heartbeat = setInterval(() => {
    for (const layer of layerNames) {
      // A follower that joined late, missed an update or polled on its own meanwhile: the poller's snapshot, please.
      if (opts.redis && !poller && (diverged.has(layer) || (health.get(layer) as SourceHealth).asOf !== stateOf(layer).snapshot.asOf)) void resync(layer);
      const f = freshness(layer);
      const bytes = jsonBytes(f);
      for (const [nsp, name] of audiences) {
        const n = socketsIn(nsp, freshRoom(layer)).size;
        if (n === 0) continue;
        nsp.local.to(freshRoom(layer)).emit('freshness', f);
        sent(name, 'freshness', n, bytes);
        for (const sid of [...socketsIn(nsp, behindRoom(layer))]) {
          const socket = nsp.sockets.get(sid);
          if (!socket || bufferedBytesOf(socket) > maxBuffered / 4) continue;
          void socket.leave(behindRoom(layer));
          const snap = areaSnapshot(layer, socket.data.subs[layer]);
          socket.emit('snapshot', snap);
          sent(name, 'snapshot', 1, jsonBytes(snap));
          metrics.resyncs.inc({ namespace: name, layer });
        }
      }
    }
  }, opts.pollIntervalMs);

  // ---- layer updates: from our own poller, or from the poller on another gateway --------------

  const applyUpdate = (msg: PeerUpdate, local: boolean) => {
    health.set(msg.layer, msg.health);
    const delta = msg.delta as LayerDelta | null;
    if (!delta) return;
    const state = stateOf(msg.layer);
    const before = state.snapshot;
    if (!local) {
      if (delta.version <= before.version) return;
      if (!state.apply(delta)) return void resync(msg.layer);
    }
    if (msg.layer === 'traffic') placeSegments(Object.keys(delta.upsert));
    fanOut(msg.layer, delta, before);
  };

  /**
   * Layers whose snapshot this gateway made itself while it could not reach Redis: another gateway
   * polled too, so the same version numbers may hold other items. Until the elected poller's
   * snapshot is adopted, its deltas are not applied to them.
   */
  const diverged = new Set<LayerName>();

  /**
   * Adopt the elected poller's snapshot when it is newer than ours (or ours diverged); with no
   * poller answering (we are taking over), the newest any gateway holds, when newer than ours.
   */
  const resyncing = new Set<LayerName>();
  const resync = async (layer: LayerName): Promise<void> => {
    // While Redis is away no one can answer, and the request would wait in the client's queue.
    if (!opts.redis || !leadership.reachable || resyncing.has(layer)) return;
    resyncing.add(layer);
    try {
      const answers: unknown[] = await io.serverSideEmitWithAck('layer-snapshot', layer);
      let best: LayerSnapshot | null = null;
      let leaders: LayerSnapshot | null = null;
      for (const a of answers) {
        // Other gateways are ours, but may run another version: read their answers defensively.
        const answer = a as Partial<PeerSnapshot> | null;
        const snap = answer?.snapshot;
        if (!snap || snap.layer !== layer || typeof snap.version !== 'number') continue;
        if (!best || snap.version > best.version) best = snap;
        if (answer?.leader === true && (!leaders || snap.version > leaders.version)) leaders = snap;
      }
      const own = stateOf(layer).snapshot;
      const forced = diverged.has(layer) && leaders !== null && !poller;
      const pick = leaders ?? best;
      // A diverged layer takes the poller's snapshot even at a lower version: its clients get it pushed whole, as it is.
      if (pick && (pick.version > own.version || (forced && JSON.stringify(pick) !== JSON.stringify(own)))) {
        stateOf(layer).replace(pick);
        pushSnapshots(layer);
        log.info(forced ? 'took the elected poller’s snapshot after polling on our own' : 'adopted a newer snapshot from another gateway', { layer, version: pick.version });
      }
      if (forced) diverged.delete(layer);
    } catch (err) {
      // Some gateways did not answer in time: what did answer was already used above or is lost.
      log.warn('snapshot request to other gateways failed', { layer, error: err instanceof Error ? err.message : String(err) });
    } finally {
      resyncing.delete(layer);
    }
  };

  io.on('layer-update', (raw) => {
    const parsed = peerUpdateSchema.safeParse(raw);
    if (!parsed.success) return log.warn('invalid update from another gateway dropped', { issues: issuesOf(parsed.error).slice(0, 3) });
    if (leadership.isLeader || poller) return; // Two pollers for a moment (a lapsed lock, Redis just back): ours wins here.
    if (diverged.has(parsed.data.layer)) {
      // Its deltas follow its snapshot, not ours: take that first.
      health.set(parsed.data.layer, parsed.data.health);
      return void resync(parsed.data.layer);
    }
    applyUpdate(parsed.data, false);
  });
  io.on('layer-snapshot', (layer, ack) => {
    if (typeof ack === 'function' && layerNames.includes(layer)) ack({ snapshot: stateOf(layer).snapshot, leader: leadership.isLeader && poller !== null });
  });

  let downSince: number | null = null;
  /** Layers this gateway made versions of on its own, while it could not reach Redis. */
  const madeAlone = new Set<LayerName>();
  const publish = (msg: PeerUpdate) => {
    applyUpdate(msg, true);
    // On our own nothing is sent: queued in the client, stale updates would reach the others when Redis returns.
    if (opts.redis && leadership.isLeader) io.serverSideEmit('layer-update', msg);
    else if (opts.redis && msg.delta) madeAlone.add(msg.layer);
  };
  let poller: { stop: () => void } | null = null;
  let pollerStarting = false;
  let closed = false;
  /** Poll while elected, and (with Redis) while Redis cannot be reached: our own clients still want live data. */
  const shouldPoll = () => leadership.isLeader || (opts.redis !== undefined && !leadership.reachable);
  const startPolling = async () => {
    if (poller || pollerStarting) return;
    pollerStarting = true;
    try {
      // Take over from where the previous poller left off, so versions never go back.
      if (leadership.isLeader) await Promise.all(layerNames.map(resync));
    } finally {
      pollerStarting = false;
    }
    if (!shouldPoll() || poller) return;
    if (leadership.isLeader) log.info('elected poller of the model services', { gateway: id });
    poller = startPoller({
      modelsUrl: opts.modelsUrl,
      intervalMs: opts.pollIntervalMs,
      layers: layerNames,
      onPolled: (layer, ms, ok) => {
        metrics.pollSeconds.observe({ layer }, ms / 1000);
        if (!ok) metrics.pollErrors.inc({ layer });
      },
      onState: (layer, state) => {
        const arrivedAtMs = performance.timeOrigin + performance.now();
        const now = Date.now();
        if (downSince !== null) log.info('model services back', { afterS: Number(((now - downSince) / 1000).toFixed(1)) });
        downSince = null;
        const h: SourceHealth = { ...(health.get(layer) as SourceHealth), lastPollFailed: false, polledAtMs: now };
        const delta = stateOf(layer).update(state) as LayerDelta | null;
        if (delta) Object.assign(h, { receivedAtMs: now, asOf: state.asOf, source: state.source });
        // The delta was already applied by update(); applyUpdate fans it out.
        publish({ layer, health: h, delta });
        opts.onPollResult?.(layer, delta, arrivedAtMs);
        // After the fan-out, so it adds nothing to delivery; bench/soak.ts times deliveries from it.
        if (delta) log.debug('layer updated', { layer, version: delta.version, arrivedAtMs });
      },
      onError: (layer, err) => {
        if (downSince === null) {
          downSince = Date.now();
          log.warn('model services unreachable, serving last good state as stale', { error: err.message });
        }
        publish({ layer, health: { ...(health.get(layer) as SourceHealth), lastPollFailed: true }, delta: null });
      },
    });
  };
  let wasLeader = false;
  let reconsidering = false;
  /**
   * After every change of leadership or of Redis's reachability: start or stop polling to match.
   * Once both have settled (a round changes both), so a gateway polling on its own that wins the
   * lock goes on polling without a gap.
   */
  const reconsider = () => {
    if (reconsidering) return;
    reconsidering = true;
    queueMicrotask(() => {
      reconsidering = false;
      if (!closed) follow();
    });
  };
  const follow = () => {
    const isLeader = leadership.isLeader;
    metrics.leader.set({}, isLeader ? 1 : 0);
    if (isLeader && !wasLeader) {
      // Elected: our snapshot is the one the others follow now (after asking them for a newer one).
      diverged.clear();
      madeAlone.clear();
      if (poller) {
        log.info('elected poller of the model services, after polling on our own', { gateway: id });
        void Promise.all(layerNames.map(resync));
      }
    }
    wasLeader = isLeader;
    if (shouldPoll()) return void startPolling();
    if (!poller) return;
    poller.stop();
    poller = null;
    if (madeAlone.size) {
      for (const layer of madeAlone) diverged.add(layer);
      log.info('redis reachable again: following the elected poller, taking its snapshots', { gateway: id, layers: [...madeAlone] });
      madeAlone.clear();
    } else log.warn('no longer the poller', { gateway: id });
  };
  const leadership: Leadership = opts.redis
    ? electLeader({
        redis: opts.redis,
        key: `${prefix}:gateway:poller`,
        id,
        ttlMs: opts.leaderTtlMs ?? 5000,
        onChange: reconsider,
        onReachable: (reachable) => {
          if (!reachable) log.warn('redis unreachable: polling the model services on our own, for our own clients', { gateway: id });
          else log.info('redis reachable again', { gateway: id });
          reconsider();
        },
        // Every round fails while Redis is away: the change of reachability above is the news.
        onError: (err) => log.debug('leader election: redis error', { error: err.message }),
      })
    : soloLeadership(reconsider);

  // ---- namespaces and what each audience may do ----------------------------------------------

  // Nothing is served on the main namespace: clients choose an audience.
  io.use((_socket, next) => next(new Error('connect to /ops or /public')));

  ops.use((socket, next) => {
    const origin = socket.handshake.headers.origin;
    // A page on another site must not open the control room's socket with the user's cookie.
    if (origin && new URL(origin).host !== socket.handshake.headers.host) {
      metrics.refused.inc({ namespace: 'ops', reason: 'origin' });
      return next(new Error(UNAUTHORIZED));
    }
    const token = parseCookies(socket.handshake.headers.cookie).get(SESSION_COOKIE);
    if (!token) {
      metrics.refused.inc({ namespace: 'ops', reason: 'no-session' });
      return next(new Error(UNAUTHORIZED));
    }
    opts.authenticate(token).then(
      (user) => {
        if (!user) {
          metrics.refused.inc({ namespace: 'ops', reason: 'invalid-session' });
          return next(new Error(UNAUTHORIZED));
        }
        socket.data.user = user;
        socket.data.audience = user.role;
        socket.data.sessionRoom = sessionRoom(token);
        socket.data.token = token;
        next();
      },
      (err: unknown) => {
        log.error('session check failed', { error: err instanceof Error ? err.message : String(err) });
        next(new Error('unavailable'));
      },
    );
  });
  pub.use((socket, next) => {
    socket.data.user = null;
    socket.data.audience = 'public';
    socket.data.sessionRoom = null;
    socket.data.token = null;
    next();
  });

  // A session that expires (or is revoked elsewhere) while its socket is open must not stay live:
  // each distinct session is checked again periodically, and its sockets dropped when it is gone.
  let checkingSessions = false;
  const sessionCheck = setInterval(() => {
    if (checkingSessions) return;
    checkingSessions = true;
    const tokens = new Set<string>();
    for (const socket of ops.sockets.values()) if (socket.data.token) tokens.add(socket.data.token);
    void Promise.all(
      [...tokens].map((token) =>
        opts.authenticate(token).then(
          (user) => {
            if (user) return;
            log.info('session ended while connected; dropping its sockets', { room: sessionRoom(token) });
            metrics.refused.inc({ namespace: 'ops', reason: 'session-ended' });
            ops.local.in(sessionRoom(token)).disconnectSockets(true);
          },
          // The store not answering is not the session ending: check again next time.
          (err: unknown) => log.warn('session re-check failed', { error: err instanceof Error ? err.message : String(err) }),
        ),
      ),
    ).finally(() => {
      checkingSessions = false;
    });
  }, opts.sessionCheckMs ?? 30_000);

  const forbidden = (audience: Audience, layer: LayerName): { ok: false; error: SocketError } => ({
    ok: false,
    error: { code: 'forbidden', message: `the ${audience} audience may not watch ${layer}` },
  });

  const onConnection = (name: string) => (socket: PolisSocket) => {
    socket.data.subs ??= {};
    if (socket.data.sessionRoom) void socket.join(socket.data.sessionRoom);
    const audience = socket.data.audience;
    const refuse = (layer: LayerName) => {
      metrics.refused.inc({ namespace: name, reason: 'forbidden' });
      return forbidden(audience, layer);
    };
    const snapshotAck = (layer: LayerName): SnapshotAck => ({ ok: true, snapshot: areaSnapshot(layer, socket.data.subs[layer]), freshness: freshness(layer) });
    // A flood of state-changing events is refused here, before any handler (or the store) sees it.
    const rate = opts.actionRateLimit ?? { perSecond: 2, burst: 20 };
    const take = tokenBucket(rate);
    socket.use(([event, ...args], next) => {
      // Every event takes one payload and an ack; handlers read (payload, ack), so extra arguments would hide the ack and leave the client waiting.
      const ackAt = args.length - 1;
      if (Object.hasOwn(clientEventSchemas, event) && ackAt > 1 && typeof args[ackAt] === 'function') {
        metrics.refused.inc({ namespace: name, reason: 'bad-request' });
        (args[ackAt] as ErrorAck)({ ok: false, error: { code: 'bad-request', message: `${event} takes one payload, got ${ackAt}`, issues: [{ path: '(arguments)', message: `expected 1, got ${ackAt}` }] } });
        return;
      }
      if (!RATE_LIMITED_EVENTS.has(event) || take()) return next();
      metrics.refused.inc({ namespace: name, reason: 'rate-limited' });
      const ack = args.at(-1);
      if (typeof ack === 'function')
        (ack as ErrorAck)({ ok: false, error: { code: 'rate-limited', message: `too many ${event} requests: at most ${rate.burst} at once and ${rate.perSecond} a second` } });
    });

    socket.on('subscribe', (req, ack) =>
      withValid('subscribe', req, ack, ({ layer, area }) => {
        if (!mayWatch(audience, layer)) return ack(refuse(layer));
        const key = areaKeyOf(area ? tilesOfArea(area) : null);
        const prev = socket.data.subs[layer];
        if (prev !== undefined && prev !== key) void socket.leave(roomOf(layer, prev));
        // Join and answer in the same tick: no delta can slip in between the snapshot and the room.
        void socket.join([roomOf(layer, key), freshRoom(layer)]);
        void socket.leave(behindRoom(layer));
        socket.data.subs[layer] = key;
        ack(snapshotAck(layer));
      }),
    );
    socket.on('unsubscribe', (req, ack) =>
      withValid('unsubscribe', req, ack, ({ layer }) => {
        const prev = socket.data.subs[layer];
        if (prev !== undefined) void socket.leave(roomOf(layer, prev));
        void socket.leave(freshRoom(layer));
        void socket.leave(behindRoom(layer));
        delete socket.data.subs[layer];
        ack({ ok: true });
      }),
    );
    socket.on('snapshot', (req, ack) =>
      withValid('snapshot', req, ack, ({ layer }) => {
        if (!mayWatch(audience, layer)) return ack(refuse(layer));
        ack(snapshotAck(layer));
      }),
    );
    // An event this audience has no handler for gets an error ack and nothing else.
    socket.onAny((event: string, ...args: unknown[]) => {
      // hasOwn: "valueOf" or "toString" are in every object, but are no events here.
      if (Object.hasOwn(clientEventSchemas, event)) return;
      metrics.refused.inc({ namespace: name, reason: 'unknown-event' });
      const ack = args.at(-1);
      if (typeof ack === 'function') (ack as ErrorAck)({ ok: false, error: { code: 'forbidden', message: `no such event here: ${event}` } });
    });
  };
  ops.on('connection', onConnection('ops'));
  pub.on('connection', onConnection('public'));

  return {
    io,
    id,
    freshness,
    snapshot: (layer) => stateOf(layer).snapshot,
    isLeader: () => leadership.isLeader,
    metrics,
    endSession: (token) => ops.in(sessionRoom(token)).disconnectSockets(true),
    close: async () => {
      closed = true;
      poller?.stop();
      poller = null;
      clearInterval(heartbeat);
      clearInterval(sessionCheck);
      await leadership.stop();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
