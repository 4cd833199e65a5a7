import { trafficStateSchema, type TrafficState } from '@/lib/protocol/models-api';
import { issuesOf } from '@/lib/validation';

export interface PollerOptions {
  modelsUrl: string;
  intervalMs: number;
  onState: (state: TrafficState) => void;
  onError: (error: Error) => void;
}

/** Longest wait between polls while the model services are down: recovery must be quick. */
export function backoffMs(intervalMs: number, failures: number): number {
  if (failures <= 0) return intervalMs;
  const cap = Math.max(intervalMs, 4000);
  return Math.min(cap, intervalMs * 2 ** (failures - 1));
}

export async function fetchTrafficState(modelsUrl: string, timeoutMs: number): Promise<TrafficState> {
  const res = await fetch(`${modelsUrl}/v1/state/traffic`, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`model services answered ${res.status} for /v1/state/traffic`);
  const parsed = trafficStateSchema.safeParse(await res.json());
  if (!parsed.success) {
    const first = issuesOf(parsed.error)[0];
    throw new Error(`model services sent an invalid traffic state (${first?.path}: ${first?.message})`);
  }
  return parsed.data;
}

/**
 * Polls the model services one request at a time (never overlapping), backing off while they
 * are down and returning to the normal interval as soon as one poll succeeds.
 */
export function startPoller(opts: PollerOptions): { stop: () => void } {
  let failures = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const tick = async () => {
    if (stopped) return;
    try {
      const state = await fetchTrafficState(opts.modelsUrl, Math.max(1000, opts.intervalMs * 2));
      failures = 0;
      if (!stopped) opts.onState(state);
    } catch (err) {
      failures++;
      if (!stopped) opts.onError(err instanceof Error ? err : new Error(String(err)));
    }
    if (!stopped) timer = setTimeout(tick, backoffMs(opts.intervalMs, failures));
  };
  timer = setTimeout(tick, 0);
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
