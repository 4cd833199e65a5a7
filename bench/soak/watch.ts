/**
 * What the soak reads from the running processes: RSS from /proc, V8 heap after a full
 * collection and CPU time through the inspector, new lines of their logs, and the gateway's
 * Prometheus counters.
 */
import { once } from 'node:events';
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import WebSocket from 'ws';

const MB = 2 ** 20;
const sleep = (ms: number, unref = false) =>
  new Promise((r) => {
    const t = setTimeout(r, ms);
    if (unref) t.unref();
  });

/** Resident set size of a process, MB; null once it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * NODE_OPTIONS for processes the soak watches: the inspector on a free loopback port, through
 * which the soak forces a full collection and reads the heap that is left (as gateway-load does
 * in-process). Nothing attaches between readings.
 */
export const inspectNodeOptions = () => [process.env.NODE_OPTIONS ?? '', '--inspect=127.0.0.1:0'].join(' ').trim();

/** The inspector's address as Node prints it on start (to stderr, so into the process's log). */
export const inspectorUrlIn = (log: string): string | null => /Debugger listening on (ws:\/\/\S+)/.exec(log)?.[1] ?? null;

export interface Settled {
  /** V8 heap used after a full collection, MB. */
  heapUsedMb: number;
  /** User + system CPU time since the process started, seconds. */
  cpuSeconds: number;
  /** When it was read (ms since the epoch). */
  at: number;
}

/** Force a full collection in the process behind an inspector address, then read its heap and CPU time; null if it does not answer. */
export async function settledMemory(inspectorUrl: string, timeoutMs = 15_000): Promise<Settled | null> {
  const ws = new WebSocket(inspectorUrl, { perMessageDeflate: false });
  ws.on('error', () => undefined); // a refused or dropped connection is a null reading, below
  const pending = new Map<number, (result: unknown) => void>();
  let next = 0;
  ws.on('message', (data: WebSocket.RawData) => {
    const msg = JSON.parse(data.toString()) as { id?: number; result?: unknown };
    if (msg.id !== undefined) pending.get(msg.id)?.(msg.result);
  });
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve) => {
      const id = ++next;
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  const reading = (async () => {
    await once(ws, 'open');
    await call('HeapProfiler.collectGarbage');
    const r = (await call('Runtime.evaluate', { expression: 'JSON.stringify([process.memoryUsage().heapUsed, process.cpuUsage()])', returnByValue: true })) as { result?: { value?: string } };
    const [heapUsed, cpu] = JSON.parse(r.result?.value ?? 'null') as [number, { user: number; system: number }];
    return { heapUsedMb: heapUsed / MB, cpuSeconds: (cpu.user + cpu.system) / 1e6, at: Date.now() };
  })();
  try {
    return await Promise.race([reading, sleep(timeoutMs, true).then(() => null)]);
  } catch {
    return null;
  } finally {
    ws.terminate();
  }
}

/** The complete lines a log file gained since the last read. */
export function tail(path: string): () => string[] {
  let offset = 0;
  let partial = '';
  return () => {
    if (!existsSync(path)) return [];
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size <= offset) return [];
      const buf = Buffer.alloc(size - offset);
      readSync(fd, buf, 0, buf.length, offset);
      offset = size;
      const lines = (partial + buf.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      return lines;
    } finally {
      closeSync(fd);
    }
  };
}

/** Prometheus text → the sum of each metric over its labels (`name` → total). */
export function sumsOf(text: string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m) continue;
    sums.set(m[1], (sums.get(m[1]) ?? 0) + Number(m[3]));
  }
  return sums;
}

export async function scrapeMetrics(url: string, token: string): Promise<Map<string, number> | null> {
  try {
    const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) });
    return res.ok ? sumsOf(await res.text()) : null;
  } catch {
    return null;
  }
}
