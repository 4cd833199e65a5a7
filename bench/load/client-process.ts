import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromClients, ToClients } from './protocol';

type Reply<T extends FromClients['type']> = Extract<FromClients, { type: T }>;

/** The client process (clients.ts) and a promise for its next message of a given type. */
export function startClients() {
  const child: ChildProcess = fork(fileURLToPath(new URL('./clients.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = <T extends FromClients['type']>(msg: ToClients, type: T) =>
    new Promise<Reply<T>>((resolve) => {
      const on = (m: FromClients) => {
        if (m.type !== type) return;
        child.off('message', on);
        resolve(m as Reply<T>);
      };
      child.on('message', on);
      child.send(msg);
    });
  return { child, ask };
}

/** Replies of several client processes as one: counts add up, arrival times of a delta join. */
export function mergeReplies<T extends FromClients['type']>(replies: Reply<T>[]): Reply<T> {
  const [first] = replies;
  if (first.type === 'connected') {
    const all = replies as Reply<'connected'>[];
    return { type: 'connected', n: all.reduce((s, r) => s + r.n, 0), failed: all.reduce((s, r) => s + r.failed, 0), ms: Math.max(...all.map((r) => r.ms)) } as Reply<T>;
  }
  if (first.type === 'samples') {
    const all = replies as Reply<'samples'>[];
    const arrivals: Record<string, number[]> = {};
    const events: Record<string, number> = {};
    for (const r of all) {
      for (const [k, times] of Object.entries(r.arrivals)) (arrivals[k] ??= []).push(...times);
      for (const [k, count] of Object.entries(r.events)) events[k] = (events[k] ?? 0) + count;
    }
    const sum = (f: (r: Reply<'samples'>) => number) => all.reduce((s, r) => s + f(r), 0);
    return {
      type: 'samples',
      arrivals,
      events,
      gaps: sum((r) => r.gaps),
      invalid: sum((r) => r.invalid),
      snapshots: sum((r) => r.snapshots),
      trouble: {
        disconnects: sum((r) => r.trouble.disconnects),
        connectErrors: sum((r) => r.trouble.connectErrors),
        errorAcks: sum((r) => r.trouble.errorAcks),
        messages: all.flatMap((r) => r.trouble.messages).slice(0, 10),
      },
      cpuSeconds: sum((r) => r.cpuSeconds),
    } as Reply<T>;
  }
  return first;
}

/**
 * `processes` client processes asked as one: a connect of n clients gives each process its share.
 * Real screens each have their own machine; several processes keep the load generator from being
 * one queue in which the last of 2,000 clients waits for the other 1,999 to decode their copy.
 */
export function startClientPool(processes: number) {
  const members = Array.from({ length: Math.max(1, processes) }, () => startClients());
  const ask = async <T extends FromClients['type']>(msg: ToClients, type: T): Promise<Reply<T>> => {
    const share = (i: number) => (msg.cmd === 'connect' ? { ...msg, n: Math.floor(msg.n / members.length) + (i < msg.n % members.length ? 1 : 0) } : msg);
    return mergeReplies(await Promise.all(members.map((m, i) => m.ask(share(i), type))));
  };
  const exit = () => members.forEach((m) => m.child.send({ cmd: 'exit' } satisfies ToClients));
  return { ask, exit, processes: members.length };
}
