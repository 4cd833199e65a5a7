import { layerStateSchemaOf, type LayerName, type LayerState } from '@/lib/protocol/layers';
import { issuesOf } from '@/lib/validation';

export interface PollerOptions {
  modelsUrl: string;
  intervalMs: number;
  layers: readonly LayerName[];
  onState: <L extends LayerName>(layer: L, state: LayerState<L>) => void;
  onError: (layer: LayerName, error: Error) => void;
  /** How long each poll took, whether it succeeded or not (for metrics). */
  onPolled?: (layer: LayerName, ms: number, ok: boolean) => void;
}

/** Longest wait between polls while the model services are down: recovery must be quick. */
export function backoffMs(intervalMs: number, failures: number): number {
  if (failures <= 0) return intervalMs;
  const cap = Math.max(intervalMs, 4000);
  return Math.min(cap, intervalMs * 2 ** (failures - 1));
}

/** GET /v1/state/{layer}, validated with the layer's schema. */
export async function fetchLayerState<L extends LayerName>(modelsUrl: string, layer: L, timeoutMs: number): Promise<LayerState<L>> {
  const res = await fetch(`${modelsUrl}/v1/state/${layer}`, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`model services answered ${res.status} for /v1/state/${layer}`);
  const parsed = layerStateSchemaOf(layer).safeParse(await res.json());
  if (!parsed.success) {
    const first = issuesOf(parsed.error)[0];
    throw new Error(`model services sent an invalid ${layer} state (${first?.path}: ${first?.message})`);
  }
  return parsed.data as LayerState<L>;
}

/**
 * Polls every layer's state from the model services, one round at a time (never overlapping),
 * backing off while they are down and returning to the normal interval as soon as a round
 * gets through. A layer that fails alone is reported alone; the others carry on.
 */
export function startPoller(opts: PollerOptions): { stop: () => void } {
  let failures = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const timeoutMs = Math.max(1000, opts.intervalMs * 2);

  const pollOne = async (layer: LayerName): Promise<boolean> => {
    const t0 = performance.now();
    try {
      const state = await fetchLayerState(opts.modelsUrl, layer, timeoutMs);
      opts.onPolled?.(layer, performance.now() - t0, true);
      if (!stopped) opts.onState(layer, state);
      return true;
    } catch (err) {
      opts.onPolled?.(layer, performance.now() - t0, false);
      if (!stopped) opts.onError(layer, err instanceof Error ? err : new Error(String(err)));
      return false;
    }
  };

  const tick = async () => {
    if (stopped) return;
    const results = await Promise.all(opts.layers.map(pollOne));
    failures = results.some(Boolean) ? 0 : failures + 1;
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
