import { spawn, type ChildProcess } from 'node:child_process';
import { stopProcess } from '../testing/services';

/**
 * One of Polis's own processes (an entry run with tsx, as server/main.ts runs them) started by a
 * fault test, with its output kept line by line so the test can read what it logged and show the
 * tail when something goes wrong. It can be stopped politely, killed, frozen and thawed.
 */
export interface NodeProcess {
  name: string;
  child: ChildProcess;
  /** stdout and stderr, one entry a line, in arrival order. */
  lines: string[];
  /** Why it ended, once it has. */
  exited: () => string | null;
  /** The first line containing `text` (waiting for it), or an error naming the process's last lines. */
  waitForLine: (text: string, timeoutMs: number) => Promise<string>;
  /** SIGTERM and wait (SIGKILL after 10 s). */
  stop: () => Promise<void>;
  /** SIGKILL and wait: no shutdown code runs. */
  kill: () => Promise<void>;
  /** SIGSTOP: the process hangs as a wedged one does (the kernel still accepts connections for it). */
  freeze: () => void;
  /** SIGCONT: it goes on with whatever arrived meanwhile. */
  thaw: () => void;
  tail: (n?: number) => string;
}

export function startNodeProcess(name: string, entry: string, env: NodeJS.ProcessEnv): NodeProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let exit: string | null = null;
  child.once('exit', (code, signal) => {
    exit = `${name} exited (${signal ?? `code ${code}`})`;
  });
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      lines.push(...parts);
    });
  }
  const tail = (n = 30) => lines.slice(-n).join('\n');
  return {
    name,
    child,
    lines,
    exited: () => exit,
    tail,
    waitForLine: async (text, timeoutMs) => {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const found = lines.find((l) => l.includes(text));
        if (found) return found;
        if (exit) throw new Error(`${exit} before logging "${text}":\n${tail()}`);
        if (Date.now() > end) throw new Error(`${name} did not log "${text}" within ${timeoutMs} ms:\n${tail()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: async () => {
      // A frozen process would never handle the SIGTERM.
      child.kill('SIGCONT');
      const late = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await stopProcess(child, 'SIGTERM');
      clearTimeout(late);
    },
    kill: () => stopProcess(child, 'SIGKILL'),
    freeze: () => void child.kill('SIGSTOP'),
    thaw: () => void child.kill('SIGCONT'),
  };
}
