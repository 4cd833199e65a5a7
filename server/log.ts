/** One-line logs prefixed by the process they come from, so the process tree's output reads as one log. */
export function logger(prefix: string) {
  const line = (level: string, msg: string) => `${new Date().toISOString()} [${prefix}] ${level === 'info' ? '' : `${level}: `}${msg}`;
  return {
    info: (msg: string) => console.log(line('info', msg)),
    warn: (msg: string) => console.warn(line('warn', msg)),
    error: (msg: string) => console.error(line('error', msg)),
  };
}
