import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Private instances of the services Polis depends on, started and stopped by fault tests on free
 * ports, so stopping one never disturbs the shared Postgres, Redis or Mosquitto others' tests use.
 */

const run = promisify(execFile);

export const REDIS_SERVER = '/usr/bin/redis-server';
export const MOSQUITTO = '/usr/sbin/mosquitto';

/** The newest installed Postgres's bin folder (Debian layout), or null. */
export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : null;
}

/**
 * Why the fault tests of a service cannot run here, or null. In CI a missing binary fails the
 * run (the caller throws); on a laptop the tests are skipped with this line.
 */
export function missingBinary(what: 'redis' | 'mosquitto' | 'postgres'): string | null {
  if (what === 'redis') return existsSync(REDIS_SERVER) ? null : `${REDIS_SERVER} is not installed`;
  if (what === 'mosquitto') return existsSync(MOSQUITTO) ? null : `${MOSQUITTO} is not installed`;
  return postgresBin() ? null : 'no Postgres server binaries under /usr/lib/postgresql/*/bin';
}

/** Skip on a laptop with a line; throw in CI, where a missing service must fail the run. */
export function skipUnless(what: 'redis' | 'mosquitto' | 'postgres', file: string): boolean {
  const problem = missingBinary(what);
  if (problem && process.env.CI === 'true') throw new Error(`${file}: ${what} is required in CI: ${problem}`);
  if (problem) console.log(`[${file}] skipped: ${problem}`);
  return problem !== null;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** True once something accepts TCP connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(true));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(false)));
  });
}

export function stopProcess(proc: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill(signal);
  });
}

/** A server process on a fixed port that can be stopped and started again on the same port. */
export interface PrivateService {
  port: number;
  url: string;
  start: () => Promise<void>;
  stop: () => Promise<void>;
}

function restartable(port: number, url: string, launch: () => ChildProcess): PrivateService {
  let proc: ChildProcess | null = null;
  return {
    port,
    url,
    start: async () => {
      proc = launch();
      await waitFor(`a server on port ${port}`, () => listening(port), 10_000);
    },
    stop: async () => {
      if (proc) await stopProcess(proc);
      proc = null;
    },
  };
}

/** A Redis of the test's own: no persistence, so a restart starts empty (as a lost Redis does). */
export async function privateRedis(): Promise<PrivateService> {
  const port = await freePort();
  const svc = restartable(port, `redis://127.0.0.1:${port}`, () =>
    spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' }),
  );
  await svc.start();
  return svc;
}

/** A Mosquitto of the test's own (no persistence: a restart forgets sessions and queues). */
export async function privateMosquitto(): Promise<PrivateService> {
  const port = await freePort();
  const svc = restartable(port, `mqtt://127.0.0.1:${port}`, () => spawn(MOSQUITTO, ['-p', String(port)], { stdio: 'ignore' }));
  await svc.start();
  return svc;
}

/**
 * A Postgres cluster of the test's own in a temp folder (trust auth, loopback, fsync off). As root
 * the server runs as the `postgres` user, since Postgres refuses to run as root.
 */
export async function privatePostgres(): Promise<PrivateService & { destroy: () => Promise<void> }> {
  const bin = postgresBin();
  if (!bin) throw new Error('no Postgres server binaries under /usr/lib/postgresql/*/bin');
  const dir = mkdtempSync(join(tmpdir(), 'polis-pg-'));
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const as = (cmd: string, args: string[]) =>
    asRoot ? run('su', ['postgres', '-s', '/bin/sh', '-c', [cmd, ...args].map((a) => `'${a}'`).join(' ')]) : run(cmd, args);
  const data = join(dir, 'data');
  await as(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = async () => void (await as(join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', 'start']));
  // Immediate: like a crash or a pulled cable, not a polite shutdown waiting for clients.
  const stop = async () => void (await as(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined));
  await start();
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    destroy: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
