/**
 * `npm run train [-- <id>…] [--seed N] [--days D]`: train forecast models from the stored history
 * and register new versions. With the model services running (they hold the store open), it asks
 * them over HTTP (POST /v1/models/{id}/train with MODELS_ADMIN_TOKEN); otherwise it opens the
 * store itself. Ids: "all" (default), a target ("grid-load") or a model ("grid-load.gru").
 */
import { ConfigError, loadConfig, modelsUrl } from '@/lib/config';
import { trainResultSchema, type ModelVersion, type TrainRequest } from '@/lib/protocol/forecast';
import { errorBodySchema } from '@/lib/protocol/models-api';
import { logger } from '../../log';
import { openStore } from '../../store/open';
import { resolveTrainId } from './domain';
import { targetSpecs } from './targets';
import { trainTarget, TrainError } from './train';

const log = logger('train');

function args(argv: string[]): { ids: string[]; request: TrainRequest } {
  const ids: string[] = [];
  const request: TrainRequest = { seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v)) throw new ConfigError(`${a} needs a number`);
      return v;
    };
    if (a === '--seed') request.seed = value();
    else if (a === '--days') request.days = value();
    else if (a === '--max-series') request.maxSeries = value();
    else ids.push(a);
  }
  return { ids: ids.length ? ids : ['all'], request };
}

const summary = (v: ModelVersion) =>
  `${v.id} v${v.version} ${v.status}${v.error ? ` (failed: ${v.error})` : ''}: ${v.metrics.map((m) => `+${m.horizonMinutes} min MAE ${m.mae} coverage ${(m.coverage * 100).toFixed(0)}%`).join('; ')}`;

async function viaHttp(url: string, token: string, ids: string[], request: TrainRequest): Promise<void> {
  for (const id of ids) {
    const res = await fetch(`${url}/v1/models/${encodeURIComponent(id)}/train`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(request),
    });
    const body: unknown = await res.json();
    if (!res.ok) throw new ConfigError(`${id}: ${errorBodySchema.parse(body).error.message}`);
    const result = trainResultSchema.parse(body);
    result.trained.forEach((v) => log.info(summary(v)));
    log.info(`${id}: trained in ${(result.ms / 1000).toFixed(1)} s by the running model services`);
  }
}

async function main() {
  const config = loadConfig();
  const { ids, request } = args(process.argv.slice(2));
  const url = modelsUrl(config);
  const running = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
  if (running) {
    if (!config.MODELS_ADMIN_TOKEN) throw new ConfigError(`the model services at ${url} hold the store: set MODELS_ADMIN_TOKEN (on both) to train through them, or stop them first`);
    return viaHttp(url, config.MODELS_ADMIN_TOKEN, ids, request);
  }
  const store = await openStore(config);
  try {
    const t0 = performance.now();
    for (const id of ids) {
      const which = resolveTrainId(id);
      if (!which) throw new ConfigError(`unknown model "${id}"`);
      for (const target of which.targets) {
        const spec = targetSpecs[target];
        const families = which.family ? spec.families.filter((f) => f === which.family || f === 'persistence' || f === 'seasonal-mean') : spec.families;
        try {
          (await trainTarget(store, target, { ...request, families, log: log.info })).forEach((v) => log.info(summary(v)));
        } catch (err) {
          if (!(err instanceof TrainError)) throw err;
          log.warn(err.message);
        }
      }
    }
    log.info(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await store.close();
  }
}

main().catch((err: unknown) => {
  log.error(err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
