import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';

/** A whole Polis on loopback ports: real processes, real store. Most specs share one (global-setup.ts). */
/** The control room needs a signed-in session: every system has this admin. */
export const E2E_ADMIN = { email: 'e2e-admin@polis.local', password: 'e2e admin password' } as const;

/**
 * Playwright's storageState: startSystem signs the admin in and writes the session cookie to one
 * file per system. Cookies ignore ports, so a spec with a system of its own says
 * `test.use({ storageState: signedInState(name) })`; the shared system's is the default.
 */
export const signedInState = (name: string) => join('test-results', '.auth', `${name}.json`);
export const SIGNED_IN_STATE = signedInState('shared');

async function signInAdmin(url: string, stateFile: string): Promise<void> {
  const res = await fetch(`${url}api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: E2E_ADMIN.email, password: E2E_ADMIN.password }),
  });
  if (!res.ok) throw new Error(`e2e admin sign-in failed: ${res.status} ${await res.text()}`);
  const [pair] = (res.headers.get('set-cookie') ?? '').split(';');
  const eq = pair.indexOf('=');
  const cookie = { name: pair.slice(0, eq), value: pair.slice(eq + 1), domain: '127.0.0.1', path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Lax' };
  mkdirSync(join('test-results', '.auth'), { recursive: true });
  writeFileSync(stateFile, JSON.stringify({ cookies: [cookie], origins: [] }));
}

export interface System {
  url: string;
  modelsUrl: string;
  /** Where its processes log (test-results/system-logs/<name>/). */
  logDir: string;
  /** Process id of each of its processes (models, twin, web), for benchmarks that watch them. */
  pids: () => Record<string, number | undefined>;
  stopModels: () => Promise<void>;
  startModels: () => Promise<void>;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number, dead?: () => string | null): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const why = dead?.();
    if (why) throw new Error(`${why} while waiting for ${what}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

const ok = (url: string) => async () => (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;

function stopChild(child: ChildProcess | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Logs of each process land in test-results/system-logs/<name>/ (kept as CI artifacts). */
/**
 * `dataDir`: a DATA_DIR prepared beforehand (benchmarks seed its store); removed on stop like a fresh one.
 * `nice`: the processes' scheduling priority (0–19), for a system that works in the background of others.
 */
export async function startSystem(name: string, extraEnv: Record<string, string> = {}, opts: { dataDir?: string; nice?: number } = {}): Promise<System> {
  const logDir = join('test-results', 'system-logs', name);
  mkdirSync(logDir, { recursive: true });
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'polis-e2e-'));
  const [port, modelsPort, twinPort, actuationPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const modelsUrl = `http://127.0.0.1:${modelsPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    MODELS_PORT: String(modelsPort),
    // The twin's GTFS / GTFS-Realtime feeds; the model services derive their transit URLs from it.
    TWIN_PORT: String(twinPort),
    // Its own actuation port: on the default (4021) a second system's twin runs without one and
    // its gateway's actions reach the first system's twin.
    TWIN_ACTUATION_PORT: String(actuationPort),
    MODELS_URL: modelsUrl,
    DATA_DIR: dataDir,
    POLIS_ADMIN_EMAIL: E2E_ADMIN.email,
    POLIS_ADMIN_PASSWORD: E2E_ADMIN.password,
    TWIN_SEED: '7',
    // An hour of twin time a minute, from 07:00 whatever the hour of the run: the morning rush
    // builds up while a spec runs, so colours change within seconds.
    TWIN_SPEED: '60',
    TWIN_START: '07:00',
    TWIN_BACKFILL_DAYS: '1',
    // A day of history; specs that need trained models train them (training would compete for the CPU).
    MODELS_AUTO_TRAIN: 'off',
    REALTIME_POLL_MS: '500',
    STALE_AFTER_MS: '5000',
    NEXT_TELEMETRY_DISABLED: '1',
    ...extraEnv,
  };
  delete env.DATABASE_URL;
  const children = new Map<string, ChildProcess>();
  const run = (name: string, entry: string) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    if (opts.nice && child.pid) setPriority(child.pid, opts.nice);
    const out = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
    child.stdout?.pipe(out);
    child.stderr?.pipe(out);
    children.set(name, child);
    child.once('exit', (code, signal) => {
      if (!stopping.has(name)) exited = `${name} exited (${signal ?? code}); see ${join(logDir, `${name}.log`)}`;
    });
  };
  let exited: string | null = null;
  const stopping = new Set<string>();
  const dead = () => exited;

  const startModels = async () => {
    run('models', 'server/models/main.ts');
    stopping.delete('models');
    await waitUntil('the model services', ok(`${modelsUrl}/health`), 60_000, dead);
  };
  await startModels();
  run('twin', 'server/twin/main.ts');
  run('web', 'server/web/main.ts');
  const url = `http://127.0.0.1:${port}/`;
  await waitUntil('the web app', ok(`${url}healthz`), 90_000, dead);
  await signInAdmin(url, signedInState(name));
  // Live data has reached the gateway: the twin finished its backfill and went live.
  await waitUntil(
    'live traffic at the gateway',
    async () => {
      const body = (await (await fetch(`${url}healthz`)).json()) as { traffic: { stale: boolean } };
      return body.traffic.stale === false;
    },
    150_000,
    dead,
  );

  return {
    url,
    modelsUrl,
    logDir,
    pids: () => Object.fromEntries([...children].map(([name, child]) => [name, child.pid])),
    startModels,
    stopModels: () => {
      stopping.add('models');
      return stopChild(children.get('models'));
    },
    stop: async () => {
      for (const name of children.keys()) stopping.add(name);
      await Promise.all([...children.values()].map(stopChild));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What the shared system (global-setup.ts) offers the specs, written where every worker reads it. */
export interface SharedSystem {
  url: string;
  modelsUrl: string;
  logDir: string;
  /** The twin's control endpoint: specs cause incidents there, as a crash in the field would. */
  twinControlUrl: string;
  /** The twin's actuation API: what the field runs now. */
  twinActuationUrl: string;
  /** Bearer token for /metrics. */
  metricsToken: string;
}

export const SHARED_SYSTEM_FILE = join('test-results', '.auth', 'shared-system.json');

/** The system most specs share, started once for the run by global-setup.ts. */
export function sharedSystem(): SharedSystem {
  return JSON.parse(readFileSync(SHARED_SYSTEM_FILE, 'utf8')) as SharedSystem;
}

/** A system global-setup.ts started early for one spec: its URLs, written where every worker reads them. */
export type EarlySystem = Pick<System, 'url' | 'modelsUrl' | 'logDir'>;
export const earlySystemFile = (name: string) => join('test-results', '.auth', `${name}-system.json`);

/** The early system of that name, or null when this run did not start one (the spec starts its own). */
export function earlySystem(name: string): EarlySystem | null {
  try {
    return JSON.parse(readFileSync(earlySystemFile(name), 'utf8')) as EarlySystem;
  } catch {
    return null;
  }
}

/**
 * A user of the given role on a system, created by the signed-in admin unless an earlier spec (or
 * a retry) already made them with the same password. The admin is the shared system's unless
 * another system's signed-in state is named.
 */
export async function ensureUser(url: string, user: { email: string; password: string; role: 'operator' | 'manager' | 'admin' }, adminState = SIGNED_IN_STATE): Promise<void> {
  const admin = (JSON.parse(readFileSync(adminState, 'utf8')) as { cookies: Array<{ name: string; value: string }> }).cookies[0];
  const res = await fetch(`${url}api/auth/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `${admin.name}=${admin.value}`, origin: url.replace(/\/$/, '') },
    body: JSON.stringify(user),
  });
  if (res.status === 201) return;
  const login = await fetch(`${url}api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (res.status !== 409 || !login.ok) throw new Error(`could not create ${user.email}: ${res.status} ${await res.text()}`);
}

/** The session cookie of a user, made on the system if need be, freshly signed in. */
export async function signedInCookie(url: string, user: { email: string; password: string; role: 'operator' | 'manager' | 'admin' }, adminState = SIGNED_IN_STATE): Promise<{ name: string; value: string }> {
  await ensureUser(url, user, adminState);
  const login = await fetch(`${url}api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (!login.ok) throw new Error(`${user.email} could not sign in: ${login.status}`);
  const [pair] = (login.headers.get('set-cookie') ?? '').split(';');
  const eq = pair.indexOf('=');
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
}
