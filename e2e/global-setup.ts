import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { freePort, SHARED_SYSTEM_FILE, startSystem, type SharedSystem } from './system';

/**
 * One Polis for the specs that need no system of their own: starting one costs 15–20 s, and the
 * specs only read the city or act in it as a control room would (each with its own users and
 * objects). The twin's control and actuation endpoints, the metrics token and debug logs are on
 * for the specs that use them.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const [controlPort, actuationPort] = [await freePort(), await freePort()];
  const metricsToken = 'e2e-metrics-token-0123456789abcdef';
  const system = await startSystem('shared', {
    TWIN_CONTROL_PORT: String(controlPort),
    TWIN_ACTUATION_PORT: String(actuationPort),
    // The actions spec watches the observed effect of an action; suggestions from forecasts would
    // add proposals nobody asked for to every screen.
    ACTIONS_MONITOR_MS: '1000',
    ACTIONS_SUGGEST: 'off',
    METRICS_TOKEN: metricsToken,
    LOG_LEVEL: 'debug',
  });
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
  return () => system.stop();
}
