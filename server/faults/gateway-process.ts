/**
 * The web process's realtime half as a process of its own, for fault tests that kill it: the
 * gateway and the action workflow wired as server/web/main.ts wires them (same config, same
 * stores, same clients of the model services and the field), without Next.js, which a kill test
 * has no use for and would have to build first. Run: `node --import tsx server/faults/gateway-process.ts`.
 */
import { createServer } from 'node:http';
import { ConfigError, loadConfig, modelsUrl, twinActuationUrl } from '@/lib/config';
import { createClient } from 'redis';
import { openAuthStore, openWebSql } from '../auth/open';
import { ActionStore } from '../realtime/actions/action-store';
import { httpField, httpOptimiser } from '../realtime/actions/clients';
import { startActions } from '../realtime/actions/service';
import { createGateway, type GatewayRedis } from '../realtime/gateway';
import { createLog } from '../realtime/log';

/** Logged once it accepts connections: the tests wait for it (importing this file would run it). */
const READY_MESSAGE = 'gateway listening';

async function main() {
  const config = loadConfig();
  const log = createLog('gateway-process', { level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  const webSql = await openWebSql(config);
  const store = await openAuthStore(config, webSql);
  const actionStore = await ActionStore.open(webSql);
  let redis: ReturnType<typeof createClient> | null = null;
  if (config.REDIS_URL) {
    redis = createClient({ url: config.REDIS_URL });
    redis.on('error', (err: Error) => log.warn('redis error', { error: err.message }));
    await redis.connect();
  }

  const server = createServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'only Socket.IO is served here' }));
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
    log: log.child('actions'),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, resolve);
  });
  log.info(READY_MESSAGE, { port: config.PORT });

  const shutdown = async () => {
    actions.close();
    await gateway.close();
    server.close();
    await redis?.quit().catch(() => undefined);
    // PGlite must close cleanly, or its data folder may not open next time.
    await store.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

main().catch((err: unknown) => {
  const msg = err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'error', component: 'gateway-process', msg })}\n`);
  process.exit(1);
});
