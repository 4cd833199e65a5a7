/**
 * The city twin process: `node --import tsx server/twin/main.ts` (server/main.ts runs it).
 * Registers the city with the model services, goes live at once (every segment every 10 s of
 * twin time, TWIN_SPEED times faster than the wall clock) and backfills history behind it.
 */
import { ConfigError, loadConfig, modelsUrl } from '@/lib/config';
import { upsertBatchSchema } from '@/lib/protocol/ngsi';
import { logger } from '../log';
import { buildBasemap } from './basemap';
import type { City } from './city';
import { ModelsClient } from './client';
import { startActuationServer } from './actuation/server';
import { startControlServer } from './control/control-server';
import { chooseCity } from './import/twin-city';
import { ImportError } from './import/problems';
import { simulateWorldBlock } from './city-history';
import { planBackfill, runUntil, splitBlock, WARM_UP_MS, type Span } from './history';
import { roadSegmentEntities } from './ngsi';
import { STEP_S } from './sim';
import { MqttPublisher } from './mqtt-publisher';
import { startFeedServer } from './transit/start-feed-server';
import { twinStartAt } from './start-time';
import { World } from './world';

const log = logger('twin');
const STEP_MS = STEP_S * 1000;
const CATCH_UP_BUDGET_MS = 250;

/** Simulate and send each history block; retry a failed send, and give up (to resume next start) after a few. */
async function backfill(client: ModelsClient, city: City, seed: number, blocks: Span[]): Promise<void> {
  if (!blocks.length) return log.info('history already held; no backfill needed');
  const t0 = performance.now();
  log.info(`backfilling ${blocks.length} block(s) of history behind the live feed`);
  for (const span of blocks) {
    // The whole world is simulated, so grid, air and weather history come with the traffic's
    // (training data for the forecasts). Large cities' days go in several bodies by segment;
    // each part is idempotent on its own; the city part goes first, as the traffic part marks the block held.
    const block = await simulateWorldBlock(city, seed, span);
    const parts: Array<() => Promise<void>> = [() => client.postCityHistory(block.city), ...splitBlock(block.traffic).map((part) => () => client.postHistory(part))];
    for (const send of parts) {
      for (let attempt = 1; ; attempt++) {
        try {
          await send();
          break;
        } catch (err) {
          if (attempt >= 5) {
            log.warn(`history backfill stopped (it resumes on the next start): ${err instanceof Error ? err.message : String(err)}`);
            return;
          }
          await new Promise((r) => setTimeout(r, 2000 * attempt));
        }
      }
    }
    log.info(`history ${new Date(span.start).toISOString()} → ${new Date(span.end).toISOString()} sent`);
  }
  log.info(`backfill done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function main() {
  const config = loadConfig();
  const client = new ModelsClient(modelsUrl(config));
  const t0 = performance.now();
  // An imported real city (npm run city:import) when DATA_DIR has one, else the generated town.
  const { city, gtfs, origin } = chooseCity({ dataDir: config.DATA_DIR, seed: config.TWIN_SEED, size: config.TWIN_SIZE });
  const segments = upsertBatchSchema.parse(roadSegmentEntities(city));
  const basemap = buildBasemap(city);
  log.info(`city "${city.name}" (${origin}): ${city.segments.length} segments, ${city.nodes.filter((n) => n.signalised).length} signalised junctions, in ${(performance.now() - t0).toFixed(0)} ms`);

  const health = await client.waitForHealth(log.info);

  // Twin time starts at the wall clock (or the next TWIN_START), or just after what the model
  // services already hold (a faster-than-real twin may have run ahead before a restart).
  const wallStart = Date.now();
  const lastHeld = health.lastObservationAt ? Date.parse(health.lastObservationAt) + STEP_MS : 0;
  const liveStart = Math.ceil(Math.max(twinStartAt(wallStart, config.TWIN_START), lastHeld) / STEP_MS) * STEP_MS;
  const world = new World(city, { seed: config.TWIN_SEED, start: liveStart - WARM_UP_MS, gtfs });
  runUntil(world, liveStart);
  // Transit is published as an agency would: GTFS and GTFS-Realtime over HTTP on TWIN_PORT.
  const feedServer = await startFeedServer(world.domains, config.TWIN_PORT, config.HOST, log);
  // Drills and e2e tests cause incidents here; off unless TWIN_CONTROL_PORT is set, loopback only.
  const control = config.TWIN_CONTROL_PORT ? await startControlServer(world.traffic, city.segments.map((s) => s.id), config.TWIN_CONTROL_PORT) : null;
  if (control) log.warn(`control endpoint on for drills and tests: POST http://127.0.0.1:${config.TWIN_CONTROL_PORT}/incidents`);
  // Actuation (signal timings, demand response, restrictions, what-if): always on, loopback only.
  // A taken port leaves the twin running without it, and says so: the field still reports.
  const actuation = await startActuationServer(world, config.TWIN_ACTUATION_PORT, log.info).catch((err: unknown) => {
    log.error(`actuation API not started on 127.0.0.1:${config.TWIN_ACTUATION_PORT}: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  });
  if (actuation) log.info(`actuation API on http://127.0.0.1:${config.TWIN_ACTUATION_PORT}/v1/actuations`);
  const register = async () => {
    await client.upsert(segments);
    await client.upsert(world.registration());
    await client.putBasemap(basemap);
  };
  await register();

  // With MQTT_URL, observations go to the broker (registration stays HTTP). The twin then hears
  // of no refusals, so it checks the model services still know the city now and then.
  const mqtt = config.MQTT_URL ? await MqttPublisher.connect(config.MQTT_URL) : null;
  if (mqtt) log.info(`publishing observations to MQTT at ${config.MQTT_URL}`);
  const registrationCheck = mqtt
    ? setInterval(() => {
        client
          .health()
          .then((h) => (h.segments < city.segments.length ? register() : undefined))
          .catch(() => undefined);
      }, 30_000)
    : null;

  // Live: step to where twin time should be, then report the newest step (never pile up sends).
  const twinNow = () => liveStart + (Date.now() - wallStart) * config.TWIN_SPEED;
  let sending = false;
  let warnedLag = false;
  let downSince: number | null = null;
  const tick = async () => {
    if (sending) return;
    const target = twinNow();
    if (world.time + STEP_MS > target) return;
    // A time budget per tick: a big city at a high TWIN_SPEED must not starve the event loop
    // (the backfill and the sends share it); it then lags, and says so once.
    const deadline = performance.now() + CATCH_UP_BUDGET_MS;
    while (world.time + STEP_MS <= target && performance.now() < deadline) world.step();
    if (target - world.time > 60_000 && !warnedLag) {
      warnedLag = true;
      log.warn(`twin time lags the clock by ${((target - world.time) / 1000).toFixed(0)} s: TWIN_SPEED ${config.TWIN_SPEED} is more than this machine simulates`);
    }
    sending = true;
    try {
      const observations = world.observations();
      await (mqtt ? mqtt.publish(observations) : client.upsert(observations));
      if (downSince !== null) log.info(`model services back after ${((Date.now() - downSince) / 1000).toFixed(0)} s`);
      downSince = null;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (downSince === null) log.warn(`could not send observations, dropping them until the model services answer: ${message}`);
      downSince ??= Date.now();
      // Model services that lost their store no longer know the city: register it again.
      if (message.includes('unknown')) await register().catch(() => undefined);
    } finally {
      sending = false;
    }
  };
  const timer = setInterval(() => void tick(), Math.max(100, Math.min(1000, STEP_MS / config.TWIN_SPEED)));
  log.info(`live, ${city.segments.length} segments, speed ×${config.TWIN_SPEED} (every ${STEP_S} s of twin time)`);

  // History fills in behind the live feed, in the same process, yielding between simulated hours.
  const blocks = planBackfill({
    end: liveStart,
    days: config.TWIN_BACKFILL_DAYS,
    heldFrom: health.historyFrom ? Date.parse(health.historyFrom) : null,
    heldUntil: health.historyUntil ? Date.parse(health.historyUntil) : null,
  });
  void backfill(client, city, config.TWIN_SEED, blocks);

  const stop = () => {
    clearInterval(timer);
    feedServer?.close();
    control?.close();
    actuation?.close();
    if (registrationCheck) clearInterval(registrationCheck);
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  log.error(err instanceof ConfigError || err instanceof ImportError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
