import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromClients, ToClients } from './protocol';

/** The client process (clients.ts) and a promise for its next message of a given type. */
export function startClients() {
  const child: ChildProcess = fork(fileURLToPath(new URL('./clients.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = <T extends FromClients['type']>(msg: ToClients, type: T) =>
    new Promise<Extract<FromClients, { type: T }>>((resolve) => {
      const on = (m: FromClients) => {
        if (m.type !== type) return;
        child.off('message', on);
        resolve(m as Extract<FromClients, { type: T }>);
      };
      child.on('message', on);
      child.send(msg);
    });
  return { child, ask };
}
