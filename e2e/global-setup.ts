import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { TIMELINE_ENV } from './timeline-system';
import { earlySystemFile, freePort, SHARED_SYSTEM_FILE, startSystem, type EarlySystem, type SharedSystem, type System } from './system';

/**
 * The timeline spec's system needs three days of history to train on, which takes its twin about
 * three minutes to backfill: started here, beside the shared one, that history arrives while the
 * other specs run instead of holding a worker idle. Only when the run includes that spec: the
 * whole suite (no file named on the command line) or a filter naming it.
 */
function runIncludesTimeline(): boolean {
  // A flag's value given after a space reads as a filter here: then the spec just starts its own.
  const filters = process.argv.slice(process.argv.indexOf('test') + 1).filter((a) => !a.startsWith('-'));
  return filters.length === 0 || filters.some((f) => f.includes('timeline'));
}

/**
 * One Polis for the specs that need no system of their own: starting one costs 15–20 s, and the
 * specs only read the city or act in it as a control room would (each with its own users and
 * objects). The twin's control and actuation endpoints, the metrics token and debug logs are on
 * for the specs that use them.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const [controlPort, actuationPort] = [await freePort(), await freePort()];
  const metricsToken = 'e2e-metrics-token-0123456789abcdef';
  const early = runIncludesTimeline();
  rmSync(earlySystemFile('timeline'), { force: true });
  const sharedEnv = {
    TWIN_CONTROL_PORT: String(controlPort),
    TWIN_ACTUATION_PORT: String(actuationPort),
    // The actions spec watches the observed effect of an action; suggestions from forecasts would
    // add proposals nobody asked for to every screen.
    ACTIONS_MONITOR_MS: '1000',
    ACTIONS_SUGGEST: 'off',
    METRICS_TOKEN: metricsToken,
    LOG_LEVEL: 'debug',
  };
  const started = await Promise.allSettled([
    startSystem('shared', sharedEnv),
    // At a lower priority: its backfill takes what CPU the specs leave, rather than slowing them.
    early ? startSystem('timeline', TIMELINE_ENV, { nice: 10 }) : Promise.resolve(null),
  ]);
  const running = started.flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value] : []));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    // Leave no processes behind when one of the two could not start.
    await Promise.all(running.map((s) => s.stop()));
    throw failed.reason;
  }
  const [system, timeline] = started.map((r) => (r as PromiseFulfilledResult<System | null>).value);
  if (!system) throw new Error('the shared system did not start');
  const shared: SharedSystem = {
    url: system.url,
    modelsUrl: system.modelsUrl,
    logDir: system.logDir,
    twinControlUrl: `http://127.0.0.1:${controlPort}`,
    twinActuationUrl: `http://127.0.0.1:${actuationPort}`,
    metricsToken,
  };
  mkdirSync(dirname(SHARED_SYSTEM_FILE), { recursive: true });
  writeFileSync(SHARED_SYSTEM_FILE, JSON.stringify(shared));
  if (timeline) writeFileSync(earlySystemFile('timeline'), JSON.stringify({ url: timeline.url, modelsUrl: timeline.modelsUrl, logDir: timeline.logDir } satisfies EarlySystem));
  return async () => {
    await Promise.all(running.map((s) => s.stop()));
  };
}
