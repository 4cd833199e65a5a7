/** The few Redis commands the election needs (node-redis v5 client shape). */
export interface LockClient {
  set(key: string, value: string, opts: { condition: 'NX'; expiration: { type: 'PX'; value: number } }): Promise<string | null>;
  eval(script: string, opts: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

export interface Leadership {
  readonly isLeader: boolean;
  stop: () => Promise<void>;
}

export interface ElectionOptions {
  redis: LockClient;
  key: string;
  /** This gateway's id, stored as the lock's value. */
  id: string;
  /** The lock lapses this long after the leader stops renewing it (e.g. it died). */
  ttlMs: number;
  onChange: (isLeader: boolean) => void;
  onError?: (err: Error) => void;
}

// Renew or release only a lock that is still ours: another gateway may hold it by now.
const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * Leader election on one Redis key with expiry (SET NX PX, renewed at a third of the TTL): at
 * most one gateway polls the model services; when it dies the lock lapses and another takes over
 * within the TTL. A leader that cannot reach Redis steps down at once rather than risk two pollers.
 */
export function electLeader(opts: ElectionOptions): Leadership {
  let leader = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const setLeader = (v: boolean) => {
    if (v === leader) return;
    leader = v;
    opts.onChange(v);
  };
  const round = async () => {
    try {
      if (leader) {
        const renewed = await opts.redis.eval(RENEW, { keys: [opts.key], arguments: [opts.id, String(opts.ttlMs)] });
        if (!stopped) setLeader(Number(renewed) === 1);
      } else {
        const got = await opts.redis.set(opts.key, opts.id, { condition: 'NX', expiration: { type: 'PX', value: opts.ttlMs } });
        if (!stopped) setLeader(got === 'OK');
      }
    } catch (err) {
      if (!stopped) setLeader(false);
      opts.onError?.(err instanceof Error ? err : new Error(String(err)));
    }
    if (!stopped) timer = setTimeout(() => void round(), Math.max(50, Math.floor(opts.ttlMs / 3)));
  };
  void round();
  return {
    get isLeader() {
      return leader;
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      if (leader) {
        leader = false;
        // Hand over at once instead of after the TTL.
        await opts.redis.eval(RELEASE, { keys: [opts.key], arguments: [opts.id] }).catch(() => undefined);
      }
    },
  };
}

/** Without Redis the one gateway is always the leader. */
export function soloLeadership(onChange: (isLeader: boolean) => void): Leadership {
  queueMicrotask(() => onChange(true));
  return { isLeader: true, stop: async () => undefined };
}
