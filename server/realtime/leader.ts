/** The few Redis commands the election needs (node-redis v5 client shape). */
export interface LockClient {
  set(key: string, value: string, opts: { condition: 'NX'; expiration: { type: 'PX'; value: number } }): Promise<string | null>;
  eval(script: string, opts: { keys: string[]; arguments: string[] }): Promise<unknown>;
  /**
   * false while the connection is down (node-redis): the round fails at once instead of waiting
   * in the client's offline queue, which would run it, stale, whenever Redis comes back.
   */
  readonly isReady?: boolean;
}

export interface Leadership {
  readonly isLeader: boolean;
  /** false while Redis cannot be reached (the last round failed or did not answer in time). */
  readonly reachable: boolean;
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
  /** Redis became unreachable (false) or reachable again (true). */
  onReachable?: (reachable: boolean) => void;
  onError?: (err: Error) => void;
}

// Renew or release only a lock that is still ours: another gateway may hold it by now.
const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/** The command's answer, or an error once `ms` passed without one (a hung connection looks like this). */
function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * Leader election on one Redis key with expiry (SET NX PX, renewed at a third of the TTL): at
 * most one gateway polls the model services; when it dies the lock lapses and another takes over
 * within the TTL. A leader that cannot reach Redis steps down at once rather than risk two pollers
 * sharing one Redis; `reachable` tells the gateway it is on its own (it then serves its own clients).
 */
export function electLeader(opts: ElectionOptions): Leadership {
  let leader = false;
  let reachable = true;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const roundMs = Math.max(50, Math.floor(opts.ttlMs / 3));
  const setLeader = (v: boolean) => {
    if (v === leader) return;
    leader = v;
    opts.onChange(v);
  };
  const setReachable = (v: boolean) => {
    if (v === reachable) return;
    reachable = v;
    opts.onReachable?.(v);
  };
  const round = async () => {
    try {
      if (opts.redis.isReady === false) throw new Error('redis is not connected');
      // Longer than a round may take, shorter than the lock lives: a leader cut off steps down before it lapses.
      const answerMs = Math.max(100, Math.floor(opts.ttlMs / 2));
      let won: boolean;
      if (leader) won = Number(await within(answerMs, opts.redis.eval(RENEW, { keys: [opts.key], arguments: [opts.id, String(opts.ttlMs)] }))) === 1;
      else won = (await within(answerMs, opts.redis.set(opts.key, opts.id, { condition: 'NX', expiration: { type: 'PX', value: opts.ttlMs } }))) === 'OK';
      if (!stopped) {
        setReachable(true);
        setLeader(won);
      }
    } catch (err) {
      if (!stopped) {
        setReachable(false);
        setLeader(false);
      }
      opts.onError?.(err instanceof Error ? err : new Error(String(err)));
    }
    if (!stopped) timer = setTimeout(() => void round(), roundMs);
  };
  // Not before the caller holds the returned object: its callbacks may read it.
  queueMicrotask(() => void round());
  return {
    get isLeader() {
      return leader;
    },
    get reachable() {
      return reachable;
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      if (leader) {
        leader = false;
        // Hand over at once instead of after the TTL.
        await within(1000, opts.redis.eval(RELEASE, { keys: [opts.key], arguments: [opts.id] })).catch(() => undefined);
      }
    },
  };
}

/** Without Redis the one gateway is always the leader. */
export function soloLeadership(onChange: (isLeader: boolean) => void): Leadership {
  queueMicrotask(() => onChange(true));
  return { isLeader: true, reachable: true, stop: async () => undefined };
}
