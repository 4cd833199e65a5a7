/**
 * The model services process: `node --import tsx server/models/main.ts` (server/main.ts runs it).
 */
import { ConfigError, loadConfig, twinActuationUrl } from '@/lib/config';
import { logger } from '../log';
import { TwinActuationClient } from '../twin/actuation/client';
import { openStore } from '../store/open';
import { createModelsServer } from './app';
import { startRetention } from './retention';

const log = logger('models');

async function main() {
  const config = loadConfig();
  const store = await openStore(config);
  // The optimisers ask the field (the twin's actuation API) for intersections and what-ifs.
  const field = new TwinActuationClient(twinActuationUrl(config));
  const models = await createModelsServer({ store, log: log.info, mqttUrl: config.MQTT_URL, field });
  // Privacy and size: raw readings past OBSERVATION_RETENTION_DAYS go once rolled up.
  const retention = startRetention({ db: store.db, retentionDays: config.OBSERVATION_RETENTION_DAYS, log: log.info });
  if (config.MQTT_URL) log.info(`taking NGSI-LD batches from MQTT at ${config.MQTT_URL} as well`);
  await new Promise<void>((resolve, reject) => {
    models.server.once('error', reject);
    models.server.listen(config.MODELS_PORT, config.HOST, resolve);
  });
  log.info(`listening on http://${config.HOST}:${config.MODELS_PORT} (store: ${store.kind})`);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    retention.close();
    await models.close();
    // PGlite must close cleanly, or its data folder may not open next time.
    await store.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

main().catch((err: unknown) => {
  log.error(err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
