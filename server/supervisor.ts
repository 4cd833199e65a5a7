import { spawn, type ChildProcess } from 'node:child_process';
import { logger } from './log';

const log = logger('polis');

export interface ServiceSpec {
  name: string;
  /** Path of the TypeScript entry, run with tsx. */
  entry: string;
  args?: string[];
  env?: Record<string, string>;
}

export interface Supervised {
  stop: () => Promise<void>;
}

/**
 * Runs each service as a child process and restarts one that dies, with a growing delay, so a
 * crash in one part (say the twin) does not take the control room down with it.
 */
export function supervise(specs: ServiceSpec[], cwd: string): Supervised {
  const children = new Map<string, ChildProcess>();
  let stopping = false;

  const run = (spec: ServiceSpec, restarts: number) => {
    const child = spawn(process.execPath, ['--import', 'tsx', spec.entry, ...(spec.args ?? [])], {
      cwd,
      env: { ...process.env, ...spec.env },
      stdio: 'inherit',
    });
    const startedAt = Date.now();
    children.set(spec.name, child);
    child.on('exit', (code, signal) => {
      children.delete(spec.name);
      if (stopping) return;
      // A service that ran a while before dying gets a fresh restart budget.
      const n = Date.now() - startedAt > 60_000 ? 0 : restarts + 1;
      const delay = Math.min(10_000, 500 * 2 ** n);
      log.warn(`${spec.name} exited (${signal ?? `code ${code}`}); restarting in ${(delay / 1000).toFixed(1)} s`);
      setTimeout(() => !stopping && run(spec, n), delay);
    });
  };
  for (const spec of specs) run(spec, 0);

  return {
    stop: async () => {
      stopping = true;
      await Promise.all(
        [...children.values()].map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
              child.once('exit', () => {
                clearTimeout(kill);
                resolve();
              });
              child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
