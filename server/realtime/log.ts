/**
 * Structured logs of the web process: one JSON object a line (time, level, component, msg and
 * fields), or readable text with LOG_FORMAT=text. Lines below LOG_LEVEL are dropped.
 */
export type Level = 'debug' | 'info' | 'warn' | 'error';
const rank: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type Fields = Record<string, unknown>;
export interface Log {
  debug: (msg: string, fields?: Fields) => void;
  info: (msg: string, fields?: Fields) => void;
  warn: (msg: string, fields?: Fields) => void;
  error: (msg: string, fields?: Fields) => void;
  child: (component: string) => Log;
}

export interface LogOptions {
  level?: Level;
  format?: 'json' | 'text';
  write?: (line: string) => void;
}

export function createLog(component: string, opts: LogOptions = {}): Log {
  const min = rank[opts.level ?? 'info'];
  const write = opts.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const emit = (level: Level) => (msg: string, fields: Fields = {}) => {
    if (rank[level] < min) return;
    const time = new Date().toISOString();
    if (opts.format === 'text') {
      const extra = Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : '';
      write(`${time} [${component}] ${level === 'info' ? '' : `${level}: `}${msg}${extra}`);
    } else {
      write(JSON.stringify({ time, level, component, msg, ...fields }));
    }
  };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (sub) => createLog(`${component}.${sub}`, opts),
  };
}

/** For tests and tools that want no output. */
export const silentLog: Log = createLog('silent', { write: () => undefined });
