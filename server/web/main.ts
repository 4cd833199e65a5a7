/**
 * The web process: serves the Next.js app, sign-in and the Socket.IO gateway on one origin, with
 * /healthz, /readyz and /metrics. Run by server/main.ts; alone: `node --import tsx server/web/main.ts [--dev]`.
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';
import { createClient } from 'redis';
import { alertThresholds, ConfigError, loadConfig, modelsUrl, twinActuationUrl } from '@/lib/config';
import { may, USER_HEADER } from '@/lib/protocol/auth';
import { namespaces } from '@/lib/protocol/namespaces';
import { auditToLog } from '../auth/audit-sink';
import { ensureFirstAdmin } from '../auth/bootstrap';
import { FORBIDDEN_PAGE, isAdminPath, isPublicPath, signInUrl, wantsPage } from '../auth/gate';
import { authRoutes, sessionTokenOf } from '../auth/http';
import { mayReadMetrics } from '../auth/metrics-access';
import { openAuthStore, openWebSql } from '../auth/open';
import { SignInThrottle } from '../auth/throttle';
import { AlertStore } from '../realtime/alerts/alert-store';
import { startAlerts } from '../realtime/alerts/service';
import { auditRoutes } from '../audit/http';
import { ActionStore } from '../realtime/actions/action-store';
import { actionsKpiRoutes } from '../realtime/actions/kpi-http';
import { httpField, httpOptimiser } from '../realtime/actions/clients';
import { startActions } from '../realtime/actions/service';
import { createGateway, type GatewayRedis } from '../realtime/gateway';
import { createLog } from '../realtime/log';
import { PROMETHEUS_CONTENT_TYPE } from '../realtime/metrics';
import { allowSocketRequest, refusedAsCrossSite } from './csrf';
import { prerenderedScriptHashes, secureResponse } from './security-headers';

async function main() {
  const config = loadConfig();
  const log = createLog('web', { level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  const dev = process.argv.includes('--dev');
  const dir = fileURLToPath(new URL('../..', import.meta.url));

  // One connection for the web process's tables: users and sessions, and the gateway's alerts.
  const webSql = await openWebSql(config);
  const store = await openAuthStore(config, webSql);
  const alertStore = await AlertStore.open(webSql);
  // The actions and the append-only audit log (its table is created here too).
  const actionStore = await ActionStore.open(webSql);
  await ensureFirstAdmin(store, {
    adminEmail: config.POLIS_ADMIN_EMAIL,
    adminPassword: config.POLIS_ADMIN_PASSWORD,
    dataDir: config.DATA_DIR,
    log: (msg) => log.warn(msg),
  });

  let redis: ReturnType<typeof createClient> | null = null;
  if (config.REDIS_URL) {
    redis = createClient({ url: config.REDIS_URL });
    // Without a listener a lost connection would crash the process; the client reconnects itself.
    redis.on('error', (err: Error) => log.warn('redis error', { error: err.message }));
    await redis.connect();
    log.info('sharing broadcasts through redis', { url: config.REDIS_URL.replace(/\/\/[^@]*@/, '//***@') });
  }

  const app = next({ dev, dir, hostname: config.HOST, port: config.PORT });
  let nextReady = false;
  // The inline scripts of prerendered pages carry no nonce: their hashes go into the CSP.
  let scriptHashes: readonly string[] = [];
  const prepared = app.prepare().then(async () => {
    if (!dev) scriptHashes = await prerenderedScriptHashes(join(dir, '.next'));
    nextReady = true;
  });
  const handle = app.getRequestHandler();
  const throttle = new SignInThrottle(store.db, {
    accountMaxFailures: config.AUTH_ACCOUNT_MAX_FAILURES,
    ipMaxFailures: config.AUTH_IP_MAX_FAILURES,
    windowMs: config.AUTH_FAILURE_WINDOW_S * 1000,
    lockoutMs: config.AUTH_LOCKOUT_S * 1000,
  });
  const auth = authRoutes({
    store,
    throttle,
    cookieSecure: config.COOKIE_SECURE,
    // Through the adapter: the sessions' sockets are closed on every gateway.
    onSessionsEnded: (rooms) => gateway.io.of(namespaces.ops).in(rooms).disconnectSockets(true),
    audit: auditToLog(webSql),
    log: log.child('auth'),
  });
  // GET /api/audit (managers and admins), read-only.
  const audit = auditRoutes({ db: webSql, userOf: auth.userOf });
  // GET /api/kpi/actions (managers): the actions live in this process's store.
  const actionsKpi = actionsKpiRoutes({ db: webSql, userOf: auth.userOf });

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const send = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    secureResponse(req, res, { dev, scriptHashes: () => scriptHashes });
    // CSRF, for every route at once (server/web/csrf.ts).
    if (refusedAsCrossSite(req)) return send(403, { error: 'cross-site request refused' });
    if (path === '/healthz') return send(200, { status: 'ok', leader: gateway.isLeader(), traffic: gateway.freshness('traffic') });
    if (path === '/readyz') {
      void (async () => {
        const checks = {
          next: nextReady,
          sessions: await store.db.query('select 1').then(() => true, () => false),
          redis: redis ? redis.isReady : true,
        };
        const ready = Object.values(checks).every(Boolean);
        send(ready ? 200 : 503, { status: ready ? 'ready' : 'not-ready', checks });
      })();
      return;
    }
    if (path === '/metrics') {
      // Not public: a scraper's METRICS_TOKEN bearer or a signed-in admin.
      void mayReadMetrics(req, { token: config.METRICS_TOKEN, userOf: auth.userOf }).then(
        (ok) => (ok ? send(200, gateway.metrics.registry.render(), PROMETHEUS_CONTENT_TYPE) : send(401, { error: 'metrics need an admin session or the metrics token' })),
        () => send(503, { error: 'sessions unavailable' }),
      );
      return;
    }
    void (async () => {
      try {
        if (await auth.handle(req, res, path)) return;
        if (await audit.handle(req, res, path)) return;
        if (await actionsKpi.handle(req, res, path)) return;
        delete req.headers[USER_HEADER];
        const user = sessionTokenOf(req) ? await auth.userOf(req) : null;
        if (user) req.headers[USER_HEADER] = JSON.stringify(user);
        else if (!isPublicPath(path)) {
          if (wantsPage(req.method, req.headers.accept)) {
            res.writeHead(303, { location: signInUrl(path + url.search), 'cache-control': 'no-store' });
            return res.end();
          }
          return send(401, { error: 'sign in first' });
        }
        if (isAdminPath(path) && !(user && may(user.role, 'users:manage'))) {
          if (wantsPage(req.method, req.headers.accept)) return send(403, FORBIDDEN_PAGE, 'text/html; charset=utf-8');
          return send(403, { error: 'only an admin may do this' });
        }
        await prepared;
        await handle(req, res);
      } catch (err) {
        log.error('request failed', { path, error: err instanceof Error ? err.message : String(err) });
        if (!res.headersSent) send(500, { error: 'internal error' });
      }
    })();
  });
  const gateway = createGateway(server, {
    modelsUrl: modelsUrl(config),
    pollIntervalMs: config.REALTIME_POLL_MS,
    staleAfterMs: config.STALE_AFTER_MS,
    authenticate: (token) => store.sessionUser(token),
    maxBufferedBytes: config.REALTIME_MAX_BUFFER_KB * 1024,
    actionRateLimit: { perSecond: config.REALTIME_ACTION_RATE, burst: config.REALTIME_ACTION_BURST },
    // node-redis's command types are generated per module set; the gateway needs only set/eval.
    ...(redis ? { redis: redis as unknown as GatewayRedis } : {}),
    log: log.child('gateway'),
  });
  // Every namespace's handshake: no socket from another site's page.
  gateway.io.engine.opts.allowRequest = allowSocketRequest;
  const alerts = startAlerts({
    gateway,
    store: alertStore,
    modelsUrl: modelsUrl(config),
    thresholds: alertThresholds(config),
    intervalMs: config.REALTIME_POLL_MS,
    resolveAfterMs: config.ALERT_RESOLVE_AFTER_S * 1000,
    log: log.child('alerts'),
  });
  const actions = startActions({
    gateway,
    store: actionStore,
    optimiser: httpOptimiser(modelsUrl(config)),
    field: httpField(twinActuationUrl(config)),
    highImpact: config.ACTIONS_HIGH_IMPACT,
    monitorMs: config.ACTIONS_MONITOR_MS,
    harmMargin: config.ACTIONS_HARM_MARGIN,
    harmReadings: config.ACTIONS_HARM_READINGS,
    modelsUrl: modelsUrl(config),
    ...(config.ACTIONS_SUGGEST === 'on' ? { alerts: alertStore } : {}),
    log: log.child('actions'),
  });

  await prepared;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, resolve);
  });
  log.info(`control room ready at http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}/`);

  const shutdown = async () => {
    alerts.close();
    actions.close();
    await gateway.close();
    server.close();
    await app.close();
    await redis?.quit().catch(() => undefined);
    await store.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

main().catch((err: unknown) => {
  const msg = err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'error', component: 'web', msg })}\n`);
  process.exit(1);
});
