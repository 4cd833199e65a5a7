import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import mqtt from 'mqtt';
import { openPglite } from '../store/pglite';
import { Store } from '../store/store';
import { createModelsServer, type ModelsServer } from './app';

/**
 * The MQTT broker the tests use: the Mosquitto server on this machine. Without it: in CI the
 * tests fail, elsewhere they are skipped with a line (as the Postgres store tests are).
 */
export const TEST_MQTT_URL = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
export const MOSQUITTO = '/usr/sbin/mosquitto';

export async function mqttReachable(url = TEST_MQTT_URL): Promise<string | null> {
  const client = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 3000 });
  try {
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
      client.once('close', () => reject(new Error('connection closed')));
    });
    return null;
  } catch (err) {
    return err instanceof Error ? err.message || String(err) : String(err);
  } finally {
    await client.endAsync(true);
  }
}

/** A topic root no other test (or running twin) publishes under, on a shared broker. */
export const freshTopicRoot = () => `polis-test-${process.pid}-${Math.random().toString(36).slice(2, 10)}/ngsi-ld`;

/** Model services on a loopback port with an in-memory store, subscribed to `mqttUrl`. */
export async function startMqttModels(mqttUrl: string, topicRoot: string): Promise<{ url: string; models: ModelsServer; store: Store; stop: () => Promise<void> }> {
  const store = await Store.open(await openPglite());
  const models = await createModelsServer({ store, log: () => undefined, mqttUrl, mqttTopicRoot: topicRoot });
  await new Promise<void>((resolve) => models.server.listen(0, '127.0.0.1', resolve));
  await models.mqtt?.ready;
  return {
    url: `http://127.0.0.1:${(models.server.address() as AddressInfo).port}`,
    models,
    store,
    stop: async () => {
      await models.close();
      await store.close();
    },
  };
}

/** Wait until `check` holds, polling; fail with `what` after `timeoutMs`. */
export async function eventually(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A broker of the test's own on `port` (to stop and restart it); resolves once it accepts connections. */
export async function startMosquitto(port: number): Promise<ChildProcess> {
  if (!existsSync(MOSQUITTO)) throw new Error(`${MOSQUITTO} is not installed`);
  const proc = spawn(MOSQUITTO, ['-p', String(port)], { stdio: 'ignore' });
  await eventually(`mosquitto listens on ${port}`, async () => (await mqttReachable(`mqtt://127.0.0.1:${port}`)) === null, 5000);
  return proc;
}

export async function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });
}
