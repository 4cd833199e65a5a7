import type { z } from 'zod';
import { midpoint, type AssetInfo, type SegmentInfo } from '@/lib/domain/alert-rules';
import { mapForecastSchema, type MapForecast } from '@/lib/protocol/forecast';
import { gridNetworkSchema } from '@/lib/protocol/grid';
import { networkSchema } from '@/lib/protocol/models-api';
import { transitNetworkSchema } from '@/lib/protocol/transit';

/** The static city the alert rules refer to: names, free-flow speeds, capacities, places. */
export interface CityContext {
  segments: Map<string, SegmentInfo>;
  assets: Map<string, AssetInfo>;
  routes: Map<string, string>;
}

const TIMEOUT_MS = 10_000;

/** GET a model-services path and validate it; null on 404 (not served by this deployment). */
async function getValid<S extends z.ZodType>(url: string, schema: S): Promise<z.infer<S> | null> {
  const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`model services answered ${res.status} for ${new URL(url).pathname}`);
  const parsed = schema.safeParse(await res.json());
  if (!parsed.success) throw new Error(`invalid ${new URL(url).pathname}: ${parsed.error.issues[0]?.message ?? 'bad body'}`);
  return parsed.data;
}

/** The road network is required; a city without a grid or transit feed just has no such alerts. */
export async function loadCityContext(modelsUrl: string): Promise<CityContext> {
  const [net, grid, transit] = await Promise.all([
    getValid(`${modelsUrl}/v1/network`, networkSchema),
    getValid(`${modelsUrl}/v1/grid/network`, gridNetworkSchema).catch(() => null),
    getValid(`${modelsUrl}/v1/transit/network`, transitNetworkSchema).catch(() => null),
  ]);
  if (!net || net.segments.length === 0) throw new Error('no road network yet');
  const segments = new Map<string, SegmentInfo>(net.segments.map((s) => [s.id, { name: s.name, roadClass: s.roadClass, freeFlowKmh: s.freeFlowKmh, path: s.path }]));
  const assets = new Map<string, AssetInfo>();
  for (const s of grid?.substations ?? []) assets.set(s.id, { name: s.name, location: s.location, capacityKw: s.capacityKw });
  for (const f of grid?.feeders ?? []) assets.set(f.id, { name: f.name, location: midpoint(f.path), capacityKw: f.capacityKw });
  const routes = new Map<string, string>((transit?.routes ?? []).map((r) => [r.id, r.shortName || r.longName || r.id]));
  return { segments, assets, routes };
}

/** Forecast horizons the forecast rules look at: "within the next hour". */
export const FORECAST_HORIZONS_MIN = [30, 60] as const;

/**
 * The map forecasts of one target at each horizon (GET /v1/forecasts/map/{target}). Targets with
 * no model served answer 404 and give none: those forecast rules then stay silent.
 */
export async function loadMapForecasts(modelsUrl: string, target: 'traffic-speed' | 'grid-load'): Promise<MapForecast[]> {
  const out: MapForecast[] = [];
  for (const minutes of FORECAST_HORIZONS_MIN) {
    const f = await getValid(`${modelsUrl}/v1/forecasts/map/${target}?minutes=${minutes}`, mapForecastSchema);
    if (f) out.push(f);
  }
  return out;
}
