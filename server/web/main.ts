/**
 * The web process: serves the Next.js app and the Socket.IO gateway on one origin.
 * Run by server/main.ts; alone: `node --import tsx server/web/main.ts [--dev]`.
 */
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import next from 'next';
import { ConfigError, loadConfig, modelsUrl } from '@/lib/config';
import { createGateway } from '../realtime/gateway';
import { logger } from '../log';

const log = logger('web');

async function main() {
  const config = loadConfig();
  const dev = process.argv.includes('--dev');
  const dir = fileURLToPath(new URL('../..', import.meta.url));
  const app = next({ dev, dir, hostname: config.HOST, port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = createServer((req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ status: 'ok', traffic: gateway.freshness('traffic') }));
      return;
    }
    void handle(req, res);
  });
  const gateway = createGateway(server, {
    modelsUrl: modelsUrl(config),
    pollIntervalMs: config.REALTIME_POLL_MS,
    staleAfterMs: config.STALE_AFTER_MS,
    log: log.info,
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, resolve);
  });
  log.info(`control room ready at http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}/`);

  const shutdown = async () => {
    await gateway.close();
    server.close();
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

main().catch((err: unknown) => {
  log.error(err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
