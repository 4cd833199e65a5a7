/**
 * The city twin process: `node --import tsx server/twin/main.ts` (server/main.ts runs it).
 * Registers the city with the model services, backfills history, then reports every segment
 * every 10 s of twin time, running TWIN_SPEED times faster than the wall clock.
 */
import { ConfigError, loadConfig, modelsUrl } from '@/lib/config';
import { upsertBatchSchema } from '@/lib/protocol/ngsi';
import { logger } from '../log';
import { buildBasemap } from './basemap';
import { generateCity } from './city';
import { ModelsClient } from './client';
import { BUCKET_MS, backfillBlocks, runUntil } from './history';
import { roadSegmentEntities, trafficFlowEntities } from './ngsi';
import { STEP_S, TrafficSim } from './sim';

const log = logger('twin');
const DAY_MS = 86_400_000;
/** The network starts empty: run this long before anything is recorded. */
const WARM_UP_MS = 2 * 3600_000;
const STEP_MS = STEP_S * 1000;

async function main() {
  const config = loadConfig();
  const client = new ModelsClient(modelsUrl(config));
  const t0 = performance.now();
  const city = generateCity({ seed: config.TWIN_SEED, size: config.TWIN_SIZE });
  const segments = upsertBatchSchema.parse(roadSegmentEntities(city));
  const basemap = buildBasemap(city);
  log.info(`city "${city.name}" (seed ${config.TWIN_SEED}): ${city.segments.length} segments, ${city.nodes.filter((n) => n.signalised).length} signalised junctions, in ${(performance.now() - t0).toFixed(0)} ms`);

  const register = async () => {
    await client.upsert(segments);
    await client.putBasemap(basemap);
  };
  const health = await client.waitForHealth(log.info);
  await register();

  // Twin time starts at the wall clock, or just after what the model services already hold
  // (a faster-than-real twin may have run ahead before a restart).
  const wallStart = Date.now();
  const lastHeld = health.lastObservationAt ? Date.parse(health.lastObservationAt) + STEP_MS : 0;
  const liveStart = Math.ceil(Math.max(wallStart, lastHeld) / STEP_MS) * STEP_MS;
  const historyEnd = Math.floor(liveStart / BUCKET_MS) * BUCKET_MS;
  const heldUntil = health.historyUntil ? Date.parse(health.historyUntil) + BUCKET_MS : -Infinity;
  const backfillFrom = Math.max(Math.floor((historyEnd - config.TWIN_BACKFILL_DAYS * DAY_MS) / BUCKET_MS) * BUCKET_MS, heldUntil);
  const sim = new TrafficSim(city, { seed: config.TWIN_SEED, start: Math.min(backfillFrom, historyEnd) - WARM_UP_MS });
  runUntil(sim, Math.min(backfillFrom, historyEnd));
  if (backfillFrom < historyEnd) {
    log.info(`backfilling history ${new Date(backfillFrom).toISOString()} → ${new Date(historyEnd).toISOString()}`);
    const tb = performance.now();
    for (const block of backfillBlocks(city, sim, historyEnd)) {
      await client.postHistory(block);
      log.info(`history: day from ${block.start} sent`);
    }
    log.info(`backfill done in ${((performance.now() - tb) / 1000).toFixed(1)} s`);
  } else {
    log.info('history already held; no backfill needed');
  }
  runUntil(sim, liveStart);

  // Live: step to where twin time should be, then report the newest step (never pile up sends).
  const twinNow = () => liveStart + (Date.now() - wallStart) * config.TWIN_SPEED;
  let sending = false;
  let downSince: number | null = null;
  const tick = async () => {
    if (sending) return;
    const target = twinNow();
    if (sim.time + STEP_MS > target) return;
    while (sim.time + STEP_MS <= target) sim.step();
    sending = true;
    try {
      await client.upsert(trafficFlowEntities(city, sim));
      if (downSince !== null) log.info(`model services back after ${((Date.now() - downSince) / 1000).toFixed(0)} s`);
      downSince = null;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (downSince === null) log.warn(`could not send observations, dropping them until the model services answer: ${message}`);
      downSince ??= Date.now();
      // Model services that lost their store no longer know the city: register it again.
      if (message.includes('unknown road segment')) await register().catch(() => undefined);
    } finally {
      sending = false;
    }
  };
  const timer = setInterval(() => void tick(), Math.max(100, Math.min(1000, STEP_MS / config.TWIN_SPEED)));
  log.info(`live: ${city.segments.length} segments every ${STEP_S} s of twin time, at ×${config.TWIN_SPEED}`);

  const stop = () => {
    clearInterval(timer);
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  log.error(err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
