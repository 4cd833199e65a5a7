/**
 * Starts the whole system as one process tree on embedded defaults:
 * model services (with the store), the city twin (the field), and the web app with the gateway.
 * `npm start` runs this after making sure the web app is built.
 */
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '@/lib/config';
import { logger } from './log';
import { supervise } from './supervisor';

const log = logger('polis');

async function waitFor(url: string, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    log.error(err instanceof ConfigError ? err.message : String(err));
    process.exit(1);
  }
  const root = fileURLToPath(new URL('..', import.meta.url));
  const dev = process.argv.includes('--dev');
  const tree = supervise(
    [
      { name: 'models', entry: 'server/models/main.ts' },
      { name: 'twin', entry: 'server/twin/main.ts' },
      { name: 'web', entry: 'server/web/main.ts', args: dev ? ['--dev'] : [] },
    ],
    root,
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log.info('stopping…');
    await tree.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const host = config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST;
  const url = `http://${host}:${config.PORT}/`;
  if (await waitFor(`${url}healthz`, 180_000)) {
    log.info(`Polis is running. Open the control room at ${url}`);
  } else {
    log.warn(`the web app has not answered at ${url} yet; see the log above`);
  }
}

void main();
